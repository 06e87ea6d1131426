/**
 * The real start command refuses bad configuration before touching the database: exit code 1
 * and a single stderr line naming the problem.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

function start(env: Record<string, string>) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-start-"));
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith("LATCHKEY_") && !["DATABASE_URL", "AUTH_SECRET", "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY"].includes(k),
    ),
  );
  return spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/start.ts"], {
    env: { ...clean, LATCHKEY_DATA_DIR: dataDir, ...env } as Record<string, string> as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("npm start with bad configuration", () => {
  it.each([
    ["a short key", { LATCHKEY_ENCRYPTION_KEYS: `k1:${Buffer.alloc(8).toString("base64")}` }, /^latchkey: LATCHKEY_ENCRYPTION_KEYS: key "k1" is 8 bytes/],
    [
      "a missing key on PostgreSQL",
      { DATABASE_URL: "postgresql://u@127.0.0.1:5432/x", AUTH_SECRET: "s".repeat(40) },
      /^latchkey: LATCHKEY_ENCRYPTION_KEYS: required/,
    ],
    [
      "a missing server actions key on PostgreSQL",
      { DATABASE_URL: "postgresql://u@127.0.0.1:5432/x", AUTH_SECRET: "s".repeat(40), LATCHKEY_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32).toString("base64")}` },
      /^latchkey: NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: required with PostgreSQL/,
    ],
    ["a malformed DATABASE_URL", { DATABASE_URL: "sqlserver://db" }, /^latchkey: DATABASE_URL: /],
    ["a non-URL public URL", { LATCHKEY_PUBLIC_URL: "not a url" }, /^latchkey: LATCHKEY_PUBLIC_URL: not an absolute URL/],
  ])("%s stops the app with one line", (_name, env, message) => {
    const result = start(env);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(result.stdout).not.toContain("serving on");
  });
});
