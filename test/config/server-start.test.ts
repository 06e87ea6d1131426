/**
 * What a server process does at start (lib/server-start.ts, run from instrumentation.ts), called
 * in-process with the environment it reads: where the machine API side port listens, and the
 * warnings about settings that are unsafe in production.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import path from "node:path";
import type { Server } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import { freePort } from "@/e2e/support/spawn-app";
import { parseKeyRing } from "@/lib/crypto/key-ring";
import { unsealField } from "@/lib/secrets/sealed-fields";

const globals = globalThis as unknown as { latchkeyDb?: unknown; latchkeyStreamPools?: Map<string, { close(): Promise<void> }> };
const VARIABLES = [
  "DATABASE_URL",
  "LATCHKEY_DATA_DIR",
  "LATCHKEY_PUBLIC_URL",
  "LATCHKEY_REFRESHER",
  "LATCHKEY_MACHINE_API_PORT",
  "LATCHKEY_MACHINE_API_HOST",
  "LATCHKEY_DEV_ALLOW_LOOPBACK",
  "LATCHKEY_ENCRYPTION_KEYS",
  "AUTH_SECRET",
  "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY",
  "HOSTNAME",
];

/** This machine's first address outside the loopback interface, if it has one. */
function externalAddress(): string | null {
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) if (!entry.internal && entry.family === "IPv4") return entry.address;
  }
  return null;
}

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(2000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

describe("server start", () => {
  let database: TestDatabase & { drop(): Promise<void> };
  let dataDir: string;
  const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
  const servers: Server[] = [];

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-start-"));
  });
  afterEach(async () => {
    for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
    for (const pool of globals.latchkeyStreamPools?.values() ?? []) await pool.close();
    globals.latchkeyStreamPools?.clear();
    delete globals.latchkeyDb;
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Starts a server process's start-up code with `env`; returns what it warned and the side port's server. */
  async function start(env: Record<string, string>): Promise<{ warnings: string[]; machineApi: Server | null }> {
    for (const name of VARIABLES) delete process.env[name];
    Object.assign(process.env, { DATABASE_URL: database.url, LATCHKEY_DATA_DIR: dataDir, LATCHKEY_REFRESHER: "0", ...env });
    globals.latchkeyDb = database.db;
    vi.resetModules(); // getConfig() reads the environment above
    const { startServer } = await import("@/lib/server-start");
    const warnings: string[] = [];
    const spy = vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => void warnings.push(args.map(String).join(" ")));
    try {
      const started = await startServer();
      if (started?.machineApi) servers.push(started.machineApi);
      return { warnings, machineApi: started?.machineApi ?? null };
    } finally {
      spy.mockRestore();
    }
  }

  it("the machine API side port listens on 127.0.0.1 by default, even when HOSTNAME is 0.0.0.0", async () => {
    const port = await freePort();
    const { machineApi } = await start({ LATCHKEY_MACHINE_API_PORT: String(port), HOSTNAME: "0.0.0.0" });
    expect(machineApi?.address()).toMatchObject({ address: "127.0.0.1", port });
    expect(await accepts("127.0.0.1", port)).toBe(true);
    const external = externalAddress();
    if (external) expect(await accepts(external, port)).toBe(false);
  });

  it("LATCHKEY_MACHINE_API_HOST opens it wider, and with an https public URL the app warns that the port has no TLS", async () => {
    const port = await freePort();
    const { warnings, machineApi } = await start({
      LATCHKEY_MACHINE_API_PORT: String(port),
      LATCHKEY_MACHINE_API_HOST: "0.0.0.0",
      LATCHKEY_PUBLIC_URL: "https://latchkey.example.com",
    });
    expect(machineApi?.address()).toMatchObject({ address: "0.0.0.0", port });
    expect(warnings).toContain(
      `latchkey: warning: the machine API port ${port} listens on 0.0.0.0 without TLS while LATCHKEY_PUBLIC_URL is https: API keys and tokens cross the network in clear text. ` +
        "Leave LATCHKEY_MACHINE_API_HOST at 127.0.0.1 and put a TLS proxy in front of the port.",
    );
  });

  it.each([
    ["an http public URL", { LATCHKEY_MACHINE_API_HOST: "0.0.0.0", LATCHKEY_PUBLIC_URL: "http://localhost:3000" }],
    ["a loopback host", { LATCHKEY_MACHINE_API_HOST: "127.0.0.1", LATCHKEY_PUBLIC_URL: "https://latchkey.example.com" }],
  ])("no TLS warning with %s", async (_name, env) => {
    const port = await freePort();
    const { warnings } = await start({ LATCHKEY_MACHINE_API_PORT: String(port), ...env });
    expect(warnings.filter((line) => line.includes("without TLS"))).toEqual([]);
  });

  it("warns when LATCHKEY_DEV_ALLOW_LOOPBACK=1, and not otherwise", async () => {
    const relaxed = await start({ LATCHKEY_DEV_ALLOW_LOOPBACK: "1" });
    expect(relaxed.warnings).toContain(
      "latchkey: warning: LATCHKEY_DEV_ALLOW_LOOPBACK=1 lets vendor URLs use http: and loopback or private addresses (the SSRF guard is relaxed). For tests and local development only.",
    );
    const strict = await start({});
    expect(strict.warnings.filter((line) => line.includes("LATCHKEY_DEV_ALLOW_LOOPBACK"))).toEqual([]);
  });

  it("seals the secret extras the issue-12 migration left in plain text, once (SECURITY 42)", async () => {
    const { db } = database;
    await db.connector.create({
      data: { id: "legacy", name: "Legacy", grantType: "client_credentials", tokenUrl: "https://vendor.example/token", clientId: "c" },
    });
    await db.connectorExtra.create({
      data: { id: "legacy-x", connectorId: "legacy", request: "token", kind: "header", position: 0, name: "X-Api-Key", value: "plain-at-start", secret: true },
    });
    const keys = `k1:${Buffer.alloc(32, 3).toString("base64")}`;

    const { warnings } = await start({ LATCHKEY_ENCRYPTION_KEYS: keys });
    expect(warnings).toContain("latchkey: sealed 1 secret extra value(s) stored in plain text before this version");
    const row = await db.connectorExtra.findUniqueOrThrow({ where: { id: "legacy-x" } });
    expect(row.value).toBe("");
    expect(unsealField(parseKeyRing(keys), "ConnectorExtra.value", "legacy-x", row.valueEnc!)).toBe("plain-at-start");

    const again = await start({ LATCHKEY_ENCRYPTION_KEYS: keys });
    expect(again.warnings.filter((line) => line.includes("secret extra"))).toEqual([]);
  });
});
