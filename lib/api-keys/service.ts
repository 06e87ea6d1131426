/**
 * API keys: create (shown once), list (no secrets), revoke, and authenticate a presented key.
 * Every change is an event; the key itself is never stored or recorded, only its SHA-256.
 */
import type { Db } from "../db";
import { DomainError } from "../errors";
import { recordEvent, type Actor } from "../events";
import { newId } from "../ids";
import { displayPrefix, generateApiKey, hashApiKey } from "./key-format";
import type { CreateApiKeyInput } from "./schema";
import { cacheFor } from "./ttl-cache";

/** `lastUsedAt` is written at most once per this interval per key: no write per request. */
export const LAST_USED_RESOLUTION_MS = 60_000;
/**
 * How long a verified key is trusted without asking the database again. Revoking in this process
 * takes effect at once (the cache is cleared); another instance notices within this time.
 */
export const AUTH_CACHE_MS = 2_000;

const authCache = (db: Db) => cacheFor<string, ApiKeyPrincipal>(db, "api-keys.auth", AUTH_CACHE_MS);

export interface ApiKeyPrincipal {
  id: string;
  name: string;
  /** The one connector this key may use, or null for all connectors. */
  connectorId: string | null;
  /** How the key appears in history: "api-key:<name>". */
  actor: Actor;
}

export interface ApiKeyListRow {
  id: string;
  name: string;
  prefix: string;
  connector: { id: string; name: string } | null;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export function apiKeyActor(name: string): Actor {
  return { userId: null, label: `api-key:${name}` };
}

export function canUseConnector(principal: Pick<ApiKeyPrincipal, "connectorId">, connectorId: string): boolean {
  return principal.connectorId === null || principal.connectorId === connectorId;
}

/** Creates a key and returns it whole, this once. */
export async function createApiKey(db: Db, actor: Actor, input: CreateApiKeyInput): Promise<{ id: string; key: string; prefix: string }> {
  const connectorId = input.connectorId === "" ? null : input.connectorId;
  if (connectorId && !(await db.connector.findUnique({ where: { id: connectorId }, select: { id: true } }))) {
    throw new DomainError("INVALID_INPUT", "This connector no longer exists.", "connectorId");
  }
  const { key, prefix, keyHash } = generateApiKey();
  const id = newId();
  await db.$transaction(async (tx) => {
    await tx.apiKey.create({ data: { id, name: input.name, prefix, keyHash, connectorId, createdById: actor.userId } });
    await recordEvent(tx, actor, {
      connectorId,
      type: "api_key.created",
      detail: { name: input.name, prefix: displayPrefix(prefix), scope: connectorId ? "connector" : "all connectors" },
    });
  });
  return { id, key, prefix };
}

export async function revokeApiKey(db: Db, actor: Actor, id: string): Promise<void> {
  const row = await db.apiKey.findUnique({ where: { id } });
  if (!row) throw new DomainError("NOT_FOUND", "This API key no longer exists.");
  if (row.revokedAt) return;
  await db.$transaction(async (tx) => {
    await tx.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordEvent(tx, actor, { connectorId: row.connectorId, type: "api_key.revoked", detail: { name: row.name, prefix: displayPrefix(row.prefix) } });
  });
  authCache(db).clear();
}

export async function listApiKeys(db: Db): Promise<ApiKeyListRow[]> {
  const rows = await db.apiKey.findMany({
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: {
      id: true,
      name: true,
      prefix: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      connector: { select: { id: true, name: true } },
      createdBy: { select: { email: true } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    prefix: displayPrefix(row.prefix),
    connector: row.connector,
    createdBy: row.createdBy?.email ?? null,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  }));
}

/**
 * The principal behind a presented key, or null (unknown or revoked). Looks the key up by its
 * hash; records the use when the stored last-use time is older than a minute, with a
 * conditional write so concurrent requests at the boundary write once.
 */
export async function authenticateApiKey(db: Db, key: string, now = new Date()): Promise<ApiKeyPrincipal | null> {
  const row = await db.apiKey.findUnique({
    where: { keyHash: hashApiKey(key) },
    select: { id: true, name: true, connectorId: true, revokedAt: true, lastUsedAt: true },
  });
  if (!row || row.revokedAt) return null;
  const cutoff = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (!row.lastUsedAt || row.lastUsedAt < cutoff) {
    await db.apiKey.updateMany({
      where: { id: row.id, revokedAt: null, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: cutoff } }] },
      data: { lastUsedAt: now },
    });
  }
  return { id: row.id, name: row.name, connectorId: row.connectorId, actor: apiKeyActor(row.name) };
}

/**
 * `authenticateApiKey` for the request path: a key verified in the last two seconds is trusted
 * without a database read. Only valid keys are cached, so unknown keys cannot fill the cache.
 */
export async function authenticateApiKeyCached(db: Db, key: string): Promise<ApiKeyPrincipal | null> {
  const keyHash = hashApiKey(key);
  const cached = authCache(db).get(keyHash);
  if (cached) return cached;
  const principal = await authenticateApiKey(db, key);
  if (principal) authCache(db).set(keyHash, principal);
  return principal;
}
