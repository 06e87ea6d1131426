import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "@/lib/env";

const KEY = `k1:${Buffer.alloc(32, 1).toString("base64")}`;
const ACTIONS_KEY = Buffer.alloc(32, 2).toString("base64");
const PG = {
  DATABASE_URL: "postgresql://latchkey@db.internal:5432/latchkey",
  LATCHKEY_ENCRYPTION_KEYS: KEY,
  AUTH_SECRET: "x".repeat(40),
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: ACTIONS_KEY,
};

function tempDir() {
  return mkdtempSync(path.join(tmpdir(), "latchkey-env-"));
}

function errorOf(env: Record<string, string>): string {
  try {
    loadConfig(env, () => {});
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("embedded default: generates the key ring and AUTH_SECRET once, mode 0600, and says to back them up", () => {
    const dir = tempDir();
    const lines: string[] = [];
    const first = loadConfig({ LATCHKEY_DATA_DIR: dir }, (line) => lines.push(line));
    expect(first.databaseKind).toBe("sqlite");
    expect(first.databaseUrl).toBe("file:./.data/latchkey.db");
    expect(first.redirectUri).toBe("http://localhost:3000/oauth2/redirect_url");
    expect(first.keyRing.keys.get(first.keyRing.currentId)).toHaveLength(32);
    expect(lines.join("\n")).toMatch(/encryption-keys.*Back this file up/);
    for (const file of ["encryption-keys", "auth-secret"]) expect(statSync(path.join(dir, file)).mode & 0o777).toBe(0o600);

    const again = loadConfig({ LATCHKEY_DATA_DIR: dir }, () => {});
    expect(again.authSecret).toBe(first.authSecret);
    expect(again.keyRing.keys.get(again.keyRing.currentId)?.equals(first.keyRing.keys.get(first.keyRing.currentId)!)).toBe(true);
    expect(readFileSync(path.join(dir, "encryption-keys"), "utf8").trim()).toMatch(/^k\d{8}:/);
  });

  it("PostgreSQL needs the key ring, AUTH_SECRET and NEXT_SERVER_ACTIONS_ENCRYPTION_KEY from the environment", () => {
    expect(errorOf({ ...PG, LATCHKEY_ENCRYPTION_KEYS: "" })).toMatch(/^LATCHKEY_ENCRYPTION_KEYS: required with PostgreSQL/);
    expect(errorOf({ ...PG, AUTH_SECRET: "" })).toMatch(/^AUTH_SECRET: required/);
    // Next.js would otherwise generate its own key per build: server actions posted to another instance's build would fail.
    expect(errorOf({ ...PG, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "" })).toBe(
      "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: required with PostgreSQL (every instance must share it; generate one with: openssl rand -base64 32)",
    );
    expect(loadConfig(PG, () => {}).databaseKind).toBe("postgresql");
    // The embedded default does not need it (one instance, one build).
    expect(() => loadConfig({ LATCHKEY_DATA_DIR: tempDir() }, () => {})).not.toThrow();
  });

  it.each([
    [{ ...PG, LATCHKEY_ENCRYPTION_KEYS: `k1:${Buffer.alloc(16).toString("base64")}` }, /^LATCHKEY_ENCRYPTION_KEYS: key "k1" is 16 bytes/],
    [{ ...PG, LATCHKEY_ENCRYPTION_KEYS: "not-a-key" }, /^LATCHKEY_ENCRYPTION_KEYS: /],
    [{ ...PG, DATABASE_URL: "mysql://db/latchkey" }, /^DATABASE_URL: must start with file: \(SQLite\) or postgresql:\/\//],
    [{ ...PG, DATABASE_URL: "postgresql://" }, /^DATABASE_URL: /],
    [{ ...PG, LATCHKEY_PUBLIC_URL: "latchkey.example.com" }, /^LATCHKEY_PUBLIC_URL: not an absolute URL/],
    [{ ...PG, LATCHKEY_PUBLIC_URL: "ftp://latchkey.example.com" }, /^LATCHKEY_PUBLIC_URL: must use https:/],
    [{ ...PG, AUTH_SECRET: "short" }, /^AUTH_SECRET: must be at least 32 characters/],
    [{ ...PG, LATCHKEY_ADMIN_EMAIL: "a@example.com" }, /^LATCHKEY_ADMIN_EMAIL and LATCHKEY_ADMIN_PASSWORD: set both or neither/],
    [{ ...PG, LATCHKEY_ADMIN_EMAIL: "a@example.com", LATCHKEY_ADMIN_PASSWORD: "short" }, /^LATCHKEY_ADMIN_PASSWORD: must be at least 12/],
    [{ ...PG, LATCHKEY_DEV_ALLOW_LOOPBACK: "yes" }, /^LATCHKEY_DEV_ALLOW_LOOPBACK: /],
    [{ ...PG, LATCHKEY_MACHINE_API_PORT: "70000" }, /^LATCHKEY_MACHINE_API_PORT: must be a port number/],
    [{ ...PG, LATCHKEY_OIDC_ISSUER: "https://sso.example.com", LATCHKEY_OIDC_CLIENT_ID: "latchkey" }, /^LATCHKEY_OIDC_CLIENT_SECRET: required/],
    [{ ...PG, LATCHKEY_REFRESH_LEAD_SECONDS: "5m" }, /^LATCHKEY_REFRESH_LEAD_SECONDS: must be a whole number of seconds from 0 to 86400$/],
    [{ ...PG, LATCHKEY_REFRESH_LEAD_SECONDS: "-1" }, /^LATCHKEY_REFRESH_LEAD_SECONDS: /],
    [{ ...PG, LATCHKEY_LEASE_TTL_SECONDS: "0" }, /^LATCHKEY_LEASE_TTL_SECONDS: must be a whole number of seconds from 1 to 3600$/],
    [{ ...PG, LATCHKEY_LEASE_TTL_SECONDS: "1.5" }, /^LATCHKEY_LEASE_TTL_SECONDS: /],
    [{ ...PG, LATCHKEY_REFRESHER: "off" }, /^LATCHKEY_REFRESHER: must be "1" or "0"$/],
    [{ ...PG, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "not base64!" }, /^NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: must be a base64 AES key of 16, 24 or 32 bytes/],
    [
      { ...PG, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(20).toString("base64") },
      /^NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: must be a base64 AES key of 16, 24 or 32 bytes \(this one is 20\)/,
    ],
    [{ ...PG, LATCHKEY_MACHINE_API_HOST: "not a host" }, /^LATCHKEY_MACHINE_API_HOST: must be an IP address or a host name/],
  ])("refuses bad configuration with one line naming the variable (%#)", (env, message) => {
    const text = errorOf(env);
    expect(text).toMatch(message);
    expect(text).not.toContain("\n");
  });

  it("normalises the public URL and builds the redirect URI from it", () => {
    const config = loadConfig({ ...PG, LATCHKEY_PUBLIC_URL: "https://latchkey.example.com/base/" }, () => {});
    expect(config.redirectUri).toBe("https://latchkey.example.com/base/oauth2/redirect_url");
    expect(loadConfig({ ...PG, LATCHKEY_DEV_ALLOW_LOOPBACK: "1" }, () => {}).devAllowLoopback).toBe(true);
    expect(loadConfig(PG, () => {}).devAllowLoopback).toBe(false);
    expect(loadConfig({ ...PG, LATCHKEY_MACHINE_API_PORT: "8081" }, () => {}).machineApiPort).toBe(8081);
    expect(loadConfig(PG, () => {}).machineApiPort).toBeNull();
  });

  it("the machine API side port binds the loopback interface unless LATCHKEY_MACHINE_API_HOST says otherwise", () => {
    expect(loadConfig({ ...PG, LATCHKEY_MACHINE_API_PORT: "8081" }, () => {}).machineApiHost).toBe("127.0.0.1");
    expect(loadConfig({ ...PG, LATCHKEY_MACHINE_API_PORT: "8081", HOSTNAME: "0.0.0.0" }, () => {}).machineApiHost).toBe("127.0.0.1");
    expect(loadConfig({ ...PG, LATCHKEY_MACHINE_API_HOST: " 0.0.0.0 " }, () => {}).machineApiHost).toBe("0.0.0.0");
    expect(loadConfig({ ...PG, LATCHKEY_MACHINE_API_HOST: "::" }, () => {}).machineApiHost).toBe("::");
    expect(loadConfig({ ...PG, LATCHKEY_MACHINE_API_HOST: "api.internal" }, () => {}).machineApiHost).toBe("api.internal");
  });

  it("token lifecycle settings: defaults, and values in seconds", () => {
    expect(loadConfig(PG, () => {})).toMatchObject({ refreshLeadMs: 300_000, leaseTtlMs: 30_000, refresherEnabled: true });
    const tuned = loadConfig({ ...PG, LATCHKEY_REFRESH_LEAD_SECONDS: "600", LATCHKEY_LEASE_TTL_SECONDS: " 5 ", LATCHKEY_REFRESHER: "0" }, () => {});
    expect(tuned).toMatchObject({ refreshLeadMs: 600_000, leaseTtlMs: 5_000, refresherEnabled: false });
    expect(loadConfig({ ...PG, LATCHKEY_REFRESHER: "" }, () => {}).refresherEnabled).toBe(true);
  });
});
