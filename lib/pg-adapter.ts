/**
 * PostgreSQL driver adapter for Prisma 6.19 with the two workarounds this version needs.
 * Used by the app (lib/db.ts) and by Prisma Migrate (prisma.config.ts).
 */
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { pgTlsOptions } from "./pg-tls";

// prisma/orm#27403: @prisma/adapter-pg 6.x cannot deserialise the `name` (OID 19) and `"char"`
// (OID 18) types that Prisma Migrate's catalog queries return; relabel them as text (OID 25).
type QueryResultLike = { fields?: { dataTypeID: number }[] } | undefined;
function relabelNameColumns<T>(result: T): T {
  for (const r of (Array.isArray(result) ? result : [result]) as QueryResultLike[]) {
    for (const field of r?.fields ?? []) if (field.dataTypeID === 19 || field.dataTypeID === 18) field.dataTypeID = 25;
  }
  return result;
}

class NameAsTextClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors pg.Client#query's overloads
  override query(config: any, values?: any, callback?: any): any {
    if (typeof values === "function") return super.query(config, (e: Error, r: unknown) => values(e, relabelNameColumns(r)));
    if (typeof callback === "function") return super.query(config, values, (e: Error, r: unknown) => callback(e, relabelNameColumns(r)));
    const pending = super.query(config, values) as unknown;
    return pending && typeof (pending as Promise<unknown>).then === "function" ? (pending as Promise<unknown>).then(relabelNameColumns) : pending;
  }
}

export function pgPoolConfig(connectionString: string): pg.PoolConfig {
  // Discrete fields, not connectionString: adapter-pg 6.x builds the shadow database pool as
  // { ...config, database }, which a connectionString would override.
  const url = new URL(connectionString);
  return {
    host: decodeURIComponent(url.hostname),
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username) || undefined,
    password: decodeURIComponent(url.password) || undefined,
    database: decodeURIComponent(url.pathname.slice(1)),
    // libpq's sslmode and certificate files (lib/pg-tls.ts). `false`, never undefined, for no TLS:
    // undefined would let node-postgres read PGSSLMODE from the environment behind DATABASE_URL's back.
    ssl: pgTlsOptions(url),
    max: Number(url.searchParams.get("connection_limit") ?? 10),
    Client: NameAsTextClient,
  };
}

export function makePgAdapter(connectionString: string): PrismaPg {
  return new PrismaPg(pgPoolConfig(connectionString));
}
