/**
 * Configuration, validated once at start-up. Every problem is reported as one line that names
 * the variable, so a misconfigured deployment stops before it serves a single request.
 *
 * On the embedded default (SQLite) the encryption key ring and AUTH_SECRET are generated once
 * into the data directory (mode 0600) when they are not set; on PostgreSQL they must be given,
 * because several instances must share them (SECURITY 8, 20). So must
 * NEXT_SERVER_ACTIONS_ENCRYPTION_KEY there: without it each build generates its own key, and a
 * form posted to an instance of another build fails.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, chmodSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";
import { keyFileRing } from "./crypto/key-file-ring";
import { KeyRingError, parseKeyRing, type KeyRing } from "./crypto/key-ring";
import { PgTlsConfigError, pgTlsOptions } from "./pg-tls";

export class ConfigError extends Error {
  override name = "ConfigError";
}

export type DatabaseKind = "sqlite" | "postgresql";

export interface Config {
  databaseUrl: string;
  databaseKind: DatabaseKind;
  publicUrl: string;
  redirectUri: string;
  dataDir: string;
  keyRing: KeyRing;
  authSecret: string;
  bootstrapAdmin: { email: string; password: string } | null;
  devAllowLoopback: boolean;
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | null;
  /** LATCHKEY_TRUST_PROXY: how many proxies in front of the app append to X-Forwarded-For (0: ignore the header). */
  trustedProxyHops: number;
  /** Minimum time before expiry at which a token is renewed (LATCHKEY_REFRESH_LEAD_SECONDS). */
  refreshLeadMs: number;
  /** How long a refresh lease holds before another instance may take over (LATCHKEY_LEASE_TTL_SECONDS). */
  leaseTtlMs: number;
  /** Run the background refresher in this server process (LATCHKEY_REFRESHER). */
  refresherEnabled: boolean;
  /** LATCHKEY_MACHINE_API_PORT: serve the machine API (token endpoint, proxy) on this extra port too, off Next's request path. */
  machineApiPort: number | null;
  /** LATCHKEY_MACHINE_API_HOST: the address that port binds; loopback unless told otherwise, because it has no TLS. */
  machineApiHost: string;
}

export const DEFAULT_DATABASE_URL = "file:./.data/latchkey.db";
export const DEFAULT_PUBLIC_URL = "http://localhost:3000";
export const ENCRYPTION_KEY_FILE = "encryption-keys";
export const AUTH_SECRET_FILE = "auth-secret";
export const DEFAULT_REFRESH_LEAD_SECONDS = 300;
export const DEFAULT_LEASE_TTL_SECONDS = 30;
export const DEFAULT_MACHINE_API_HOST = "127.0.0.1";

const flag = z.enum(["", "0", "1", "true", "false"], { message: 'must be "1" or "0"' }).transform((v) => v === "1" || v === "true");

export function databaseKindOf(url: string): DatabaseKind {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgresql" : "sqlite";
}

function parseDatabaseUrl(raw: string | undefined): string {
  const url = raw?.trim() || DEFAULT_DATABASE_URL;
  if (url.startsWith("file:")) {
    if (url.length <= "file:".length) throw new ConfigError("DATABASE_URL: file: URL has no path (example: file:./.data/latchkey.db)");
    return url;
  }
  if (databaseKindOf(url) === "postgresql") {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError("DATABASE_URL: not a valid postgresql:// URL (example: postgresql://latchkey@db.internal:5432/latchkey)");
    }
    if (!parsed.hostname || parsed.pathname.length <= 1) {
      throw new ConfigError("DATABASE_URL: a postgresql:// URL needs a host and a database name");
    }
    try {
      pgTlsOptions(parsed); // sslmode and its certificate files, checked once here
    } catch (error) {
      if (error instanceof PgTlsConfigError) throw new ConfigError(error.message);
      throw error;
    }
    return url;
  }
  throw new ConfigError("DATABASE_URL: must start with file: (SQLite) or postgresql:// (PostgreSQL)");
}

/**
 * LATCHKEY_TRUST_PROXY: 0 (default) or the number of reverse proxies in front of the app, each
 * appending the client address to X-Forwarded-For. Without one, the header is whatever the
 * client wrote, so the sign-in throttle must not believe it (lib/auth/client-address.ts).
 */
function parseTrustProxy(raw: string | undefined): number {
  const text = raw?.trim();
  if (!text) return 0;
  if (!/^\d{1,2}$/.test(text) || Number(text) > 10) {
    throw new ConfigError("LATCHKEY_TRUST_PROXY: must be 0, or the number of trusted proxies in front of the app (1 for one reverse proxy), at most 10");
  }
  return Number(text);
}

/** A whole number of seconds within [min, max], or the default when unset. */
function parseSeconds(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  const text = raw?.trim();
  if (!text) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new ConfigError(`${name}: must be a whole number of seconds from ${min} to ${max}`);
  }
  return Number(text);
}

function parsePort(name: string, raw: string | undefined): number | null {
  const text = raw?.trim();
  if (!text) return null;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 65_535) throw new ConfigError(`${name}: must be a port number from 1 to 65535`);
  return Number(text);
}

/** An IP address or a host name to listen on. Labels cannot contain dots, so the pattern cannot backtrack. */
function parseHost(name: string, raw: string | undefined, fallback: string): string {
  const text = raw?.trim();
  if (!text) return fallback;
  if (isIP(text) === 0 && !(text.length <= 253 && /^[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})*$/.test(text))) {
    throw new ConfigError(`${name}: must be an IP address or a host name (example: 127.0.0.1)`);
  }
  return text;
}

/**
 * SECURITY 20. Next.js imports NEXT_SERVER_ACTIONS_ENCRYPTION_KEY as a raw AES-GCM key (base64, 16, 24 or 32
 * bytes); a bad value would only surface as failing forms, so it is checked here.
 */
function checkServerActionsKey(raw: string | undefined, required: boolean): void {
  const text = raw?.trim();
  const name = "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY";
  if (!text) {
    if (required) throw new ConfigError(`${name}: required with PostgreSQL (every instance must share it; generate one with: openssl rand -base64 32)`);
    return;
  }
  const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(text) ? Buffer.from(text, "base64").length : 0;
  if (![16, 24, 32].includes(bytes)) {
    throw new ConfigError(
      `${name}: must be a base64 AES key of 16, 24 or 32 bytes${bytes ? ` (this one is ${bytes})` : ""}; generate one with: openssl rand -base64 32`,
    );
  }
}

function parsePublicUrl(raw: string | undefined): string {
  const value = raw?.trim() || DEFAULT_PUBLIC_URL;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`LATCHKEY_PUBLIC_URL: not an absolute URL (example: https://latchkey.example.com)`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigError("LATCHKEY_PUBLIC_URL: must use https: (or http: for local use)");
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ConfigError("LATCHKEY_PUBLIC_URL: must not contain credentials, a query or a fragment");
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** Reads a generated secret file, or creates it once (mode 0600) and says it must be backed up. */
function readOrCreateSecretFile(file: string, create: () => string, what: string, loss: string, log: (line: string) => void): string {
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    // "wx": if another process created it meanwhile, keep theirs.
    writeFileSync(file, `${create()}\n`, { mode: 0o600, flag: "wx" });
    chmodSync(file, 0o600);
    log(`latchkey: generated ${what} in ${file} (mode 0600). Back this file up: without it ${loss}.`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readFileSync(file, "utf8").trim();
}

export function generateKeyEntry(id = `k${new Date().toISOString().slice(0, 10).replaceAll("-", "")}`): string {
  return `${id}:${randomBytes(32).toString("base64")}`;
}

function pair<T>(a: string | undefined, b: string | undefined, names: [string, string], make: (a: string, b: string) => T): T | null {
  if (!a && !b) return null;
  if (!a || !b) throw new ConfigError(`${names[0]} and ${names[1]}: set both or neither`);
  return make(a, b);
}

export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env, log: (line: string) => void = (l) => console.warn(l)): Config {
  const databaseUrl = parseDatabaseUrl(env.DATABASE_URL);
  const databaseKind = databaseKindOf(databaseUrl);
  const publicUrl = parsePublicUrl(env.LATCHKEY_PUBLIC_URL);
  const dataDir = path.resolve(/* turbopackIgnore: true */ env.LATCHKEY_DATA_DIR?.trim() || ".data");
  const embedded = databaseKind === "sqlite";

  const keySource = env.LATCHKEY_ENCRYPTION_KEYS?.trim();
  if (!keySource && !embedded) throw new ConfigError("LATCHKEY_ENCRYPTION_KEYS: required with PostgreSQL (every instance must share the key ring)");
  let keyRing: KeyRing;
  try {
    if (keySource) {
      keyRing = parseKeyRing(keySource, "LATCHKEY_ENCRYPTION_KEYS");
    } else {
      const keyFile = path.join(dataDir, ENCRYPTION_KEY_FILE);
      readOrCreateSecretFile(keyFile, () => generateKeyEntry(), "the encryption key ring", "stored secrets cannot be decrypted", log);
      // Follows the file while the app runs: `keys:rotate --new-key` adds keys to it from another process.
      keyRing = keyFileRing(keyFile, "LATCHKEY_ENCRYPTION_KEYS", log);
    }
  } catch (error) {
    if (error instanceof KeyRingError) throw new ConfigError(error.message);
    throw error;
  }

  let authSecret = env.AUTH_SECRET?.trim();
  if (!authSecret) {
    if (!embedded) throw new ConfigError("AUTH_SECRET: required with PostgreSQL (every instance must share it)");
    authSecret = readOrCreateSecretFile(
      path.join(dataDir, AUTH_SECRET_FILE),
      () => randomBytes(32).toString("base64url"),
      "AUTH_SECRET",
      "every session ends at restart",
      log,
    );
  }
  if (authSecret.length < 32) throw new ConfigError("AUTH_SECRET: must be at least 32 characters");
  checkServerActionsKey(env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY, !embedded);

  const bootstrapAdmin = pair(
    env.LATCHKEY_ADMIN_EMAIL?.trim(),
    env.LATCHKEY_ADMIN_PASSWORD,
    ["LATCHKEY_ADMIN_EMAIL", "LATCHKEY_ADMIN_PASSWORD"],
    (email, password) => {
      if (!z.email().safeParse(email).success) throw new ConfigError("LATCHKEY_ADMIN_EMAIL: not an email address");
      if (password.length < 12) throw new ConfigError("LATCHKEY_ADMIN_PASSWORD: must be at least 12 characters");
      return { email: email.toLowerCase(), password };
    },
  );

  const loopback = flag.safeParse(env.LATCHKEY_DEV_ALLOW_LOOPBACK?.trim() ?? "");
  if (!loopback.success) throw new ConfigError('LATCHKEY_DEV_ALLOW_LOOPBACK: must be "1" or "0"');

  const refreshLeadSeconds = parseSeconds("LATCHKEY_REFRESH_LEAD_SECONDS", env.LATCHKEY_REFRESH_LEAD_SECONDS, DEFAULT_REFRESH_LEAD_SECONDS, 0, 86_400);
  // The vendor call's deadline stays inside the lease (lib/tokens/transport.ts): a short lease only shortens how long a refresh may take.
  const leaseTtlSeconds = parseSeconds("LATCHKEY_LEASE_TTL_SECONDS", env.LATCHKEY_LEASE_TTL_SECONDS, DEFAULT_LEASE_TTL_SECONDS, 1, 3_600);
  const refresher = flag.safeParse(env.LATCHKEY_REFRESHER?.trim() || "1");
  if (!refresher.success) throw new ConfigError('LATCHKEY_REFRESHER: must be "1" or "0"');

  const oidcIssuer = env.LATCHKEY_OIDC_ISSUER?.trim();
  const oidc = pair(oidcIssuer, env.LATCHKEY_OIDC_CLIENT_ID?.trim(), ["LATCHKEY_OIDC_ISSUER", "LATCHKEY_OIDC_CLIENT_ID"], (issuer, clientId) => {
    if (!URL.canParse(issuer)) throw new ConfigError("LATCHKEY_OIDC_ISSUER: not an absolute URL");
    const clientSecret = env.LATCHKEY_OIDC_CLIENT_SECRET?.trim();
    if (!clientSecret) throw new ConfigError("LATCHKEY_OIDC_CLIENT_SECRET: required when LATCHKEY_OIDC_ISSUER is set");
    return { issuer, clientId, clientSecret, name: env.LATCHKEY_OIDC_NAME?.trim() || "single sign-on" };
  });

  return {
    databaseUrl,
    databaseKind,
    publicUrl,
    redirectUri: `${publicUrl}/oauth2/redirect_url`,
    dataDir,
    keyRing,
    authSecret,
    bootstrapAdmin,
    devAllowLoopback: loopback.data,
    oidc,
    trustedProxyHops: parseTrustProxy(env.LATCHKEY_TRUST_PROXY),
    refreshLeadMs: refreshLeadSeconds * 1000,
    leaseTtlMs: leaseTtlSeconds * 1000,
    refresherEnabled: refresher.data,
    machineApiPort: parsePort("LATCHKEY_MACHINE_API_PORT", env.LATCHKEY_MACHINE_API_PORT),
    machineApiHost: parseHost("LATCHKEY_MACHINE_API_HOST", env.LATCHKEY_MACHINE_API_HOST, DEFAULT_MACHINE_API_HOST),
  };
}

let cached: Config | undefined;

/** The process-wide configuration, loaded on first use. */
export function getConfig(): Config {
  cached ??= loadConfig();
  return cached;
}
