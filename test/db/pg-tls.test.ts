/**
 * DATABASE_URL's libpq TLS parameters: the pool configuration for each sslmode, the one-line
 * refusals at start for what is not supported, and real connections from node-postgres (with the
 * pool configuration the app uses) to a stand-in server that runs the TLS handshake
 * (test/support/pg-tls-server.ts): which modes encrypt, which check the chain, which the name.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { ConfigError, loadConfig } from "@/lib/env";
import { pgPoolConfig } from "@/lib/pg-adapter";
import { makeTestPki, opensslAvailable, type TestPki } from "../support/test-pki";
import { startPgTlsServer, type PgTlsServer } from "../support/pg-tls-server";

const PASSWORD = "db-password-not-for-logs";
const SECRETS = {
  LATCHKEY_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString("base64")}`,
  AUTH_SECRET: "x".repeat(40),
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(32, 2).toString("base64"),
};

function databaseUrl(port: number, params: Record<string, string> = {}, host = "127.0.0.1"): string {
  const url = new URL(`postgresql://latchkey:${PASSWORD}@${host}:${port}/latchkey`);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

/** The one-line refusal loadConfig gives for this DATABASE_URL. */
function refusal(url: string): string {
  try {
    loadConfig({ ...SECRETS, DATABASE_URL: url }, () => {});
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

const hasOpenssl = opensslAvailable();
let pki: TestPki;
beforeAll(() => {
  if (hasOpenssl) pki = makeTestPki();
});
afterAll(() => pki?.remove());

(hasOpenssl ? describe : describe.skip)("pool configuration for each sslmode", () => {
  const ssl = (params: Record<string, string>) => pgPoolConfig(databaseUrl(5432, params)).ssl;

  it("no sslmode and disable: no TLS, whatever PGSSLMODE says (false, not undefined)", () => {
    expect(ssl({})).toBe(false);
    expect(ssl({ sslmode: "disable" })).toBe(false);
  });

  it("require: TLS without checking the certificate", () => {
    expect(ssl({ sslmode: "require" })).toEqual({ rejectUnauthorized: false });
  });

  it("require with sslrootcert: the chain is checked against it, the host name is not (libpq's verify-ca)", () => {
    const options = ssl({ sslmode: "require", sslrootcert: pki.files.ca }) as Exclude<pg.PoolConfig["ssl"], boolean | undefined>;
    expect(options).toMatchObject({ rejectUnauthorized: true, ca: pki.read(pki.files.ca) });
    expect(options.checkServerIdentity?.("db.example", {} as never)).toBeUndefined();
  });

  it("verify-ca: the chain against sslrootcert, not the host name", () => {
    const options = ssl({ sslmode: "verify-ca", sslrootcert: pki.files.ca }) as Exclude<pg.PoolConfig["ssl"], boolean | undefined>;
    expect(options).toMatchObject({ rejectUnauthorized: true, ca: pki.read(pki.files.ca) });
    expect(typeof options.checkServerIdentity).toBe("function");
    expect(options.checkServerIdentity?.("another-host.example", {} as never)).toBeUndefined();
  });

  it("verify-full: chain and host name (Node's own identity check), against sslrootcert or the bundled CAs", () => {
    expect(ssl({ sslmode: "verify-full", sslrootcert: pki.files.ca })).toEqual({ rejectUnauthorized: true, ca: pki.read(pki.files.ca) });
    expect(ssl({ sslmode: "verify-full" })).toEqual({ rejectUnauthorized: true });
    expect(ssl({ sslmode: "verify-full", sslrootcert: "system" })).toEqual({ rejectUnauthorized: true });
  });

  it("sslcert and sslkey: a client certificate", () => {
    expect(ssl({ sslmode: "verify-full", sslrootcert: pki.files.ca, sslcert: pki.files.client, sslkey: pki.files.clientKey })).toEqual({
      rejectUnauthorized: true,
      ca: pki.read(pki.files.ca),
      cert: pki.read(pki.files.client),
      key: pki.read(pki.files.clientKey),
    });
  });
});

(hasOpenssl ? describe : describe.skip)("refused at start with one line naming DATABASE_URL", () => {
  it.each([
    [{ sslmode: "prefer" }, /^DATABASE_URL: sslmode=prefer is not supported: it falls back to an unencrypted connection/],
    [{ sslmode: "allow" }, /^DATABASE_URL: sslmode=allow is not supported/],
    [{ sslmode: "verify_full" }, /^DATABASE_URL: sslmode=verify_full is not one of disable, require, verify-ca, verify-full$/],
    [{ sslmode: "constructor" }, /^DATABASE_URL: sslmode=constructor is not one of/],
    [{ sslmode: "verify-ca" }, /^DATABASE_URL: sslmode=verify-ca needs sslrootcert=<file>/],
    [{ sslmode: "verify-full", sslrootcert: "/nonexistent/root.crt" }, /^DATABASE_URL: sslrootcert \/nonexistent\/root\.crt cannot be read \(ENOENT\)$/],
    [{ sslmode: "require", sslrootcert: "system" }, /^DATABASE_URL: sslrootcert=system needs sslmode=verify-full$/],
    [{ sslmode: "verify-full", sslcert: "client.crt" }, /^DATABASE_URL: sslcert and sslkey: give both/],
    [{ sslrootcert: "root.crt" }, /^DATABASE_URL: sslrootcert, sslcert or sslkey given without sslmode/],
    [{ ssl: "true" }, /^DATABASE_URL: use sslmode=… instead of ssl=$/],
    [{ sslmode: "verify-full", sslcrl: "crl.pem" }, /^DATABASE_URL: sslcrl is not supported/],
    [{ sslnegotiation: "direct", sslmode: "require" }, /^DATABASE_URL: sslnegotiation=direct is not supported/],
  ])("%o", (params, message) => {
    const line = refusal(databaseUrl(5432, params));
    expect(line).toMatch(message);
    expect(line).not.toContain("\n");
    expect(line).not.toContain(PASSWORD);
  });

  it("a file that is not a certificate or key", () => {
    expect(refusal(databaseUrl(5432, { sslmode: "verify-full", sslrootcert: pki.files.clientKey }))).toBe(
      `DATABASE_URL: sslrootcert ${pki.files.clientKey} does not hold a PEM certificate`,
    );
    expect(refusal(databaseUrl(5432, { sslmode: "verify-full", sslcert: pki.files.client, sslkey: pki.files.ca }))).toMatch(
      /^DATABASE_URL: sslkey .* does not hold a PEM private key/,
    );
  });
});

(hasOpenssl ? describe : describe.skip)("connections from node-postgres with the app's pool configuration", () => {
  let serverIp: PgTlsServer; // certificate for IP 127.0.0.1, issued by the test CA
  let serverName: PgTlsServer; // certificate for db.internal, issued by the same CA

  beforeAll(async () => {
    serverIp = await startPgTlsServer({ cert: pki.read(pki.files.serverIp), key: pki.read(pki.files.serverIpKey), clientCa: pki.read(pki.files.ca) });
    serverName = await startPgTlsServer({ cert: pki.read(pki.files.serverName), key: pki.read(pki.files.serverNameKey), clientCa: pki.read(pki.files.ca) });
  });
  afterAll(async () => {
    await serverIp?.close();
    await serverName?.close();
  });

  /** Connects as the app would and returns what happened: the server's refusal message, or the client's TLS error. */
  async function connect(server: PgTlsServer, params: Record<string, string>) {
    const before = server.connections.length;
    const pool = new pg.Pool({ ...pgPoolConfig(databaseUrl(server.port, params)), connectionTimeoutMillis: 5000 });
    let outcome: string;
    try {
      (await pool.connect()).release();
      outcome = "connected";
    } catch (error) {
      outcome = (error as Error).message;
    } finally {
      await pool.end();
    }
    return { outcome, seen: server.connections.slice(before) };
  }

  it.each([
    ["no sslmode", {}],
    ["disable", { sslmode: "disable" }],
  ])("%s: plaintext", async (_name, params) => {
    const { outcome, seen } = await connect(serverIp, params);
    expect(outcome).toBe("fake server: startup in plaintext");
    expect(seen).toEqual([{ sslRequest: false, handshake: false, clientCertificate: null, startup: true }]);
  });

  it("require: TLS with a certificate the client cannot verify", async () => {
    const { outcome, seen } = await connect(serverName, { sslmode: "require" });
    expect(outcome).toBe("fake server: startup over TLS");
    expect(seen).toMatchObject([{ sslRequest: true, handshake: true, startup: true }]);
  });

  it("require with sslrootcert checks the chain: another CA's root is refused", async () => {
    expect((await connect(serverName, { sslmode: "require", sslrootcert: pki.files.ca })).outcome).toBe("fake server: startup over TLS");
    const { outcome, seen } = await connect(serverName, { sslmode: "require", sslrootcert: pki.files.otherCa });
    expect(outcome).toMatch(/unable to verify|self.signed|certificate/i);
    expect(seen).toMatchObject([{ sslRequest: true, startup: false }]);
  });

  it("verify-ca: the chain must lead to sslrootcert; a certificate for another name is accepted", async () => {
    expect((await connect(serverName, { sslmode: "verify-ca", sslrootcert: pki.files.ca })).outcome).toBe("fake server: startup over TLS");
    const { outcome, seen } = await connect(serverName, { sslmode: "verify-ca", sslrootcert: pki.files.otherCa });
    expect(outcome).toMatch(/unable to verify|self.signed|certificate/i);
    expect(seen).toMatchObject([{ sslRequest: true, startup: false }]);
  });

  it("verify-full: chain and host name", async () => {
    expect((await connect(serverIp, { sslmode: "verify-full", sslrootcert: pki.files.ca })).outcome).toBe("fake server: startup over TLS");
    const wrongName = await connect(serverName, { sslmode: "verify-full", sslrootcert: pki.files.ca });
    expect(wrongName.outcome).toMatch(/does not match certificate's altnames/);
    expect(wrongName.seen).toMatchObject([{ sslRequest: true, startup: false }]);
    // Without sslrootcert the CAs bundled with Node.js decide, and they do not know the test CA.
    const bundled = await connect(serverIp, { sslmode: "verify-full" });
    expect(bundled.outcome).toMatch(/unable to verify|self.signed|certificate/i);
    expect(bundled.seen).toMatchObject([{ sslRequest: true, startup: false }]);
  });

  it("sslcert and sslkey: the client certificate is presented", async () => {
    const { outcome, seen } = await connect(serverIp, {
      sslmode: "verify-full",
      sslrootcert: pki.files.ca,
      sslcert: pki.files.client,
      sslkey: pki.files.clientKey,
    });
    expect(outcome).toBe("fake server: startup over TLS");
    expect(seen).toEqual([{ sslRequest: true, handshake: true, clientCertificate: "latchkey", startup: true }]);
  });
});
