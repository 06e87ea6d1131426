/**
 * TLS to PostgreSQL from DATABASE_URL's libpq parameters (`sslmode`, `sslrootcert`, `sslcert`,
 * `sslkey`, `sslpassword`), turned into node-postgres' `ssl` option. The pool gets discrete
 * fields, not the URL (lib/pg-adapter.ts), so nothing here is left for node-postgres to guess,
 * and its own reading of sslmode (which treats require and verify-ca as verify-full) is never used.
 *
 * libpq's meanings, kept:
 *   disable      no TLS.
 *   require      TLS without checking the certificate; with sslrootcert, the chain is checked
 *                against it (libpq then behaves as verify-ca).
 *   verify-ca    TLS; the chain must lead to sslrootcert (required here); the host name is not checked.
 *   verify-full  TLS; chain and host name checked, against sslrootcert or, without it (or with
 *                sslrootcert=system), the CA list Node.js ships.
 * Not supported, refused at start with one line: `allow` and `prefer`. libpq falls back from one
 * kind of connection to the other per connection; node-postgres cannot, and a mode that
 * silently ends up unencrypted is worse than a refusal. Also refused: parameters that would
 * otherwise be ignored while they promise protection (sslcrl, sslcrldir, sslnegotiation=direct,
 * node-postgres' own `ssl=`).
 *
 * Without any ssl parameter the connection is unencrypted, as it always was here. This is the one
 * difference from libpq, whose default is `prefer`; set sslmode=verify-full for TLS.
 *
 * Files are read when the pool is configured (start-up), and checked to hold a certificate or
 * key, so a wrong path stops the app with one line instead of failing every connection.
 */
import { createPrivateKey, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import type { ConnectionOptions } from "node:tls";

export class PgTlsConfigError extends Error {
  override name = "PgTlsConfigError";
}

export const SSL_MODES = ["disable", "require", "verify-ca", "verify-full"] as const;
export type SslMode = (typeof SSL_MODES)[number];

const REFUSED_MODES: Record<string, string> = {
  allow:
    "sslmode=allow is not supported: it tries an unencrypted connection first, which node-postgres cannot fall back from; use sslmode=disable or sslmode=verify-full",
  prefer:
    "sslmode=prefer is not supported: it falls back to an unencrypted connection without saying so, which node-postgres cannot do per connection; use sslmode=verify-full (or require), or sslmode=disable",
};

const IGNORED_OTHERWISE: Record<string, string> = {
  ssl: "use sslmode=… instead of ssl=",
  sslcrl: "sslcrl is not supported (revocation lists are not checked); remove it",
  sslcrldir: "sslcrldir is not supported (revocation lists are not checked); remove it",
};

function fail(message: string): never {
  throw new PgTlsConfigError(`DATABASE_URL: ${message}`);
}

function readFile(parameter: string, file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    fail(`${parameter} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
}

function readCertificates(parameter: string, file: string): string {
  const pem = readFile(parameter, file);
  try {
    new X509Certificate(pem);
  } catch {
    fail(`${parameter} ${file} does not hold a PEM certificate`);
  }
  return pem;
}

function readPrivateKey(file: string, passphrase: string | undefined): string {
  const pem = readFile("sslkey", file);
  try {
    createPrivateKey({ key: pem, passphrase });
  } catch {
    fail(`sslkey ${file} does not hold a PEM private key${passphrase === undefined ? " (or it is encrypted: give sslpassword)" : " that sslpassword opens"}`);
  }
  return pem;
}

/** node-postgres' `ssl` option for DATABASE_URL: `false` for no TLS. Throws PgTlsConfigError with one line naming DATABASE_URL. */
export function pgTlsOptions(url: URL): ConnectionOptions | false {
  const param = (name: string) => url.searchParams.get(name) ?? undefined;
  for (const [name, reason] of Object.entries(IGNORED_OTHERWISE)) if (param(name) !== undefined) fail(reason);
  const negotiation = param("sslnegotiation");
  if (negotiation !== undefined && negotiation !== "postgres") fail(`sslnegotiation=${negotiation} is not supported; remove it`);

  const mode = param("sslmode");
  const rootCert = param("sslrootcert");
  const cert = param("sslcert");
  const key = param("sslkey");
  const password = param("sslpassword");

  if (mode === undefined) {
    // A certificate without a mode would be silently unused: ask for the mode it was meant for.
    if (rootCert !== undefined || cert !== undefined || key !== undefined)
      fail("sslrootcert, sslcert or sslkey given without sslmode; add sslmode=verify-full (or verify-ca, require)");
    return false;
  }
  if (Object.hasOwn(REFUSED_MODES, mode)) fail(REFUSED_MODES[mode]!);
  if (!(SSL_MODES as readonly string[]).includes(mode)) fail(`sslmode=${mode.slice(0, 40)} is not one of ${SSL_MODES.join(", ")}`);
  if (mode === "disable") return false;

  if ((cert === undefined) !== (key === undefined)) fail("sslcert and sslkey: give both (the client certificate and its key) or neither");
  const systemRoots = rootCert === "system";
  // libpq: the system store only makes sense when the host name is checked too.
  if (systemRoots && mode !== "verify-full") fail("sslrootcert=system needs sslmode=verify-full");
  if (mode === "verify-ca" && rootCert === undefined) fail("sslmode=verify-ca needs sslrootcert=<file>, the CA that signed the server's certificate");

  const options: ConnectionOptions = {};
  if (rootCert !== undefined && !systemRoots) options.ca = readCertificates("sslrootcert", rootCert);
  if (cert !== undefined && key !== undefined) {
    options.cert = readCertificates("sslcert", cert);
    options.key = readPrivateKey(key, password);
    if (password !== undefined) options.passphrase = password;
  }

  const checksChain = mode !== "require" || options.ca !== undefined;
  options.rejectUnauthorized = checksChain;
  // verify-ca (and require with a root certificate): the chain is checked, the host name is not.
  if (checksChain && mode !== "verify-full") options.checkServerIdentity = () => undefined;
  return options;
}
