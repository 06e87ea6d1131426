/**
 * The Prisma client for the configured database: SQLite (embedded default) or PostgreSQL.
 * Both clients are generated from schemas that differ only in provider and output, so their
 * model APIs are identical; the app sees one type.
 */
import { PrismaClient as SqliteClient } from "@/generated/sqlite/client";
import { PrismaClient as PgClient } from "@/generated/postgresql/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { makePgAdapter } from "./pg-adapter";
import { databaseKindOf, type DatabaseKind } from "./env";

export type Db = SqliteClient;
export type { Prisma } from "@/generated/sqlite/client";

const kinds = new WeakMap<Db, DatabaseKind>();

export function createDb(databaseUrl: string): Db {
  const kind = databaseKindOf(databaseUrl);
  const db =
    kind === "postgresql"
      ? (new PgClient({ adapter: makePgAdapter(databaseUrl) }) as unknown as Db)
      : // busy_timeout: concurrent writers (background refresher and requests) wait instead of failing.
        new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: databaseUrl, timeout: 5000 }) });
  kinds.set(db, kind);
  return db;
}

/** Which database a client talks to, for the few queries whose SQL differs (e.g. case-insensitive search). */
export function databaseKindOfDb(db: Db): DatabaseKind {
  return kinds.get(db) ?? "sqlite";
}

const globalForDb = globalThis as unknown as { latchkeyDb?: Db };

/** The process-wide client. Kept on globalThis so dev-mode reloads do not open new pools. */
export function getDb(): Db {
  if (!globalForDb.latchkeyDb) {
    globalForDb.latchkeyDb = createDb(process.env.DATABASE_URL?.trim() || "file:./.data/latchkey.db");
  }
  return globalForDb.latchkeyDb;
}
