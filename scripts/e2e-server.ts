/**
 * Starts the app for one e2e project on a fresh database: `tsx scripts/e2e-server.ts sqlite|postgresql`.
 * Uses the real start command (`scripts/start.ts`), so migrations and start-up run as in production.
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { ADMIN, E2E_SERVERS, type E2eDatabase } from "../e2e/support/servers";

const ROOT = path.resolve(import.meta.dirname, "..");
const PG_ADMIN_URL = process.env.LATCHKEY_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

async function freshPostgresDatabase(): Promise<string> {
  const name = `latchkey_e2e_${Date.now()}`;
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    // Drop what earlier runs left behind, then start clean.
    const old = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'latchkey_e2e_%'");
    for (const row of old.rows) await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function main() {
  const db = process.argv[2] as E2eDatabase;
  const server = E2E_SERVERS[db];
  if (!server) throw new Error(`usage: e2e-server.ts ${Object.keys(E2E_SERVERS).join("|")}`);
  const dataDir = path.join(ROOT, ".data", `e2e-${db}`);
  rmSync(dataDir, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(server.port),
    HOSTNAME: "127.0.0.1",
    LATCHKEY_PUBLIC_URL: server.baseURL,
    LATCHKEY_DATA_DIR: dataDir,
    LATCHKEY_ADMIN_EMAIL: ADMIN.email,
    LATCHKEY_ADMIN_PASSWORD: ADMIN.password,
    LATCHKEY_DEV_ALLOW_LOOPBACK: "1",
  };
  if (db === "postgresql") {
    env.DATABASE_URL = await freshPostgresDatabase();
    env.LATCHKEY_ENCRYPTION_KEYS = `e2e:${Buffer.alloc(32, 7).toString("base64")}`;
    env.AUTH_SECRET = "e2e-postgresql-auth-secret-0123456789abcdef";
    env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY = Buffer.alloc(32, 8).toString("base64");
  } else {
    env.DATABASE_URL = `file:${path.join(dataDir, "latchkey.db")}`;
  }
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), path.join(ROOT, "scripts", "start.ts")], {
    cwd: ROOT,
    env,
    stdio: "inherit",
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 1));
}

void main();
