/**
 * `describeEachDatabase` runs a suite once on SQLite and once on PostgreSQL, each time on a
 * fresh, migrated database of its own (a copy of the per-run template), dropped afterwards.
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { createDb, type Db } from "@/lib/db";
import type { DatabaseKind } from "@/lib/env";

export interface TestDatabase {
  kind: DatabaseKind;
  url: string;
  db: Db;
}

async function pgAdmin(sql: string) {
  const client = new pg.Client({ connectionString: inject("pgAdminUrl") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase & { drop(): Promise<void> }> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "latchkey-db-"));
    const file = path.join(dir, "test.db");
    copyFileSync(inject("sqliteTemplate"), file);
    const url = `file:${file}`;
    const db = createDb(url);
    return {
      kind,
      url,
      db,
      drop: async () => {
        await db.$disconnect();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const template = inject("pgTemplate");
  if (!template) throw new Error("PostgreSQL is not available in this run");
  const name = `latchkey_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await pgAdmin(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  const url = new URL(inject("pgAdminUrl"));
  url.pathname = `/${name}`;
  const db = createDb(url.toString());
  return {
    kind,
    url: url.toString(),
    db,
    drop: async () => {
      await db.$disconnect();
      await pgAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

export function describeEachDatabase(title: string, suite: (context: () => TestDatabase) => void): void {
  for (const kind of ["sqlite", "postgresql"] as const) {
    const available = kind === "sqlite" || inject("pgTemplate") !== null;
    (available ? describe : describe.skip)(`${title} [${kind}]`, () => {
      let current: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
      beforeAll(async () => {
        current = await createTestDatabase(kind);
      });
      afterAll(async () => {
        await current?.drop();
      });
      suite(() => {
        if (!current) throw new Error("test database not ready");
        return current;
      });
    });
  }
}
