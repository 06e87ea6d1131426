/**
 * Databases and connectors for the reliability run: a fresh, migrated database per scenario
 * (a copy of a migrated SQLite file, or a database copied from the private PostgreSQL cluster's
 * template), the app's configuration read from the same environment a second process gets, and
 * connectors authorized for real at the test vendor through the faulty front.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb, type Db } from "../../lib/db";
import { loadConfig, type Config } from "../../lib/env";
import { completeAuthorization, startAuthorization } from "../../lib/authorization/service";
import { followToRedirectUri } from "../../e2e/vendor/browserless-authorization";
import { adminActor, makeConnector } from "../../test/support/token-fixtures";
import type { PrivatePostgres } from "./private-postgres";
import type { VendorFront } from "./vendor-front";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const PUBLIC_URL = "http://localhost:3999";
export const REDIRECT_URI = `${PUBLIC_URL}/oauth2/redirect_url`;

export type Kind = "sqlite" | "postgresql";
export const KIND_LABEL: Record<Kind, string> = { sqlite: "SQLite", postgresql: "PostgreSQL" };

export interface ScenarioDatabase {
  kind: Kind;
  url: string;
  /** The SQLite file, for the locking scenario. */
  file: string | null;
  /** The environment an app process for this database gets (shared keys, loopback allowed). */
  env: Record<string, string>;
  db: Db;
  config: Config;
  drop(): Promise<void>;
}

export interface DatabaseFactory {
  create(kind: Kind, env?: Record<string, string>): Promise<ScenarioDatabase>;
  close(): Promise<void>;
}

/** Shared by every database of the run: the same key ring and secrets, as instances of one deployment share them. */
export function sharedSecrets(): Record<string, string> {
  return {
    LATCHKEY_ENCRYPTION_KEYS: `rel:${randomBytes(32).toString("base64")}`,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
}

export function databaseFactory(pg: PrivatePostgres | null, secrets: Record<string, string>): DatabaseFactory {
  const dir = mkdtempSync(path.join(tmpdir(), "latchkey-reliability-db-"));
  const template = path.join(dir, "template.db");
  execFileSync(process.execPath, [path.join(ROOT, "node_modules", "prisma", "build", "index.js"), "migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${template}` },
    stdio: "pipe",
  });
  let counter = 0;
  return {
    create: async (kind, extra = {}) => {
      counter += 1;
      let url: string;
      let file: string | null = null;
      if (kind === "sqlite") {
        file = path.join(dir, `scenario-${counter}.db`);
        copyFileSync(template, file);
        url = `file:${file}`;
      } else {
        if (!pg) throw new Error("no private PostgreSQL cluster");
        url = await pg.createDatabase(`latchkey_rel_${counter}_${randomBytes(3).toString("hex")}`);
      }
      const env = { ...secrets, DATABASE_URL: url, LATCHKEY_PUBLIC_URL: PUBLIC_URL, LATCHKEY_DEV_ALLOW_LOOPBACK: "1", ...extra };
      const config = loadConfig(env, () => {});
      const db = createDb(url);
      return { kind, url, file, env, db, config, drop: () => db.$disconnect() };
    },
    close: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * A connector authorized at the vendor through the front (the code exchange always passes), its
 * last vendor call dated a minute back so an automatic renewal is not "just done".
 */
export async function authorizedConnector(db: Db, config: Config, front: VendorFront, extra: { apiBaseUrl?: string } = {}): Promise<string> {
  const actor = await adminActor(db);
  const vendor = front.vendor;
  const id = await makeConnector(db, config, {
    authUrl: vendor.authorizationEndpoint,
    tokenUrl: front.tokenUrl,
    clientId: vendor.clients.authCode.id,
    clientSecret: vendor.clients.authCode.secret,
    scopes: ["openid", "read:items"],
    ...extra,
  });
  const session = { actor, sessionId: `reliability-${id}` };
  const redirect = await followToRedirectUri(await startAuthorization(db, config, session, id), { redirectUri: REDIRECT_URI });
  const outcome = await completeAuthorization(db, config, session, redirect.searchParams);
  if (outcome.kind !== "authorized") throw new Error(`authorization failed: ${outcome.kind}`);
  const aMinuteAgo = new Date(Date.now() - 60_000);
  await db.token.update({ where: { connectorId: id }, data: { lastAttemptAt: aMinuteAgo, lastRefreshedAt: aMinuteAgo } });
  return id;
}
