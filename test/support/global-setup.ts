/**
 * Runs once per `vitest run`: migrates a template SQLite file and a template PostgreSQL
 * database with the committed migrations (the same `prisma migrate deploy` the start command
 * uses). Each integration suite then gets a fresh copy (lib: test/support/databases.ts).
 *
 * PostgreSQL: 127.0.0.1:5432 (override with LATCHKEY_TEST_PG_URL). Without it the PostgreSQL
 * suites skip with a line saying so — except under CI=true, where that fails the run.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";

export const PG_ADMIN_URL = process.env.LATCHKEY_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

function migrate(databaseUrl: string) {
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: "pipe",
  });
}

async function pgReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), "latchkey-test-"));
  const sqliteTemplate = path.join(dir, "template.db");
  migrate(`file:${sqliteTemplate}`);

  let pgTemplate: string | null = null;
  if (await pgReachable()) {
    pgTemplate = `latchkey_tpl_${process.pid}_${Date.now()}`;
    await adminQuery(`CREATE DATABASE "${pgTemplate}"`);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${pgTemplate}`;
    migrate(url.toString());
  } else if (process.env.CI === "true") {
    throw new Error(`PostgreSQL is unreachable at ${PG_ADMIN_URL}; under CI=true the PostgreSQL integration tests must run.`);
  } else {
    console.warn(`\n*** PostgreSQL unreachable at ${PG_ADMIN_URL}: PostgreSQL integration tests are SKIPPED (they run under CI=true). ***\n`);
  }

  project.provide("sqliteTemplate", sqliteTemplate);
  project.provide("pgTemplate", pgTemplate);
  project.provide("pgAdminUrl", PG_ADMIN_URL);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (pgTemplate) await adminQuery(`DROP DATABASE IF EXISTS "${pgTemplate}" WITH (FORCE)`);
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    sqliteTemplate: string;
    pgTemplate: string | null;
    pgAdminUrl: string;
  }
}
