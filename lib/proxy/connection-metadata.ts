/**
 * The machine API's view of a connector's connection metadata (lib/tokens/connection-metadata.ts):
 * the configured fields, picked from what was kept with the token the caller is handed.
 *
 * Hot-path cost: nothing for a connector that keeps no metadata. Otherwise the token row's
 * `extra` is read once and cached per connector, tagged with the token version it belongs to;
 * it is used only for that same version, so a caller given a renewed token never gets the
 * previous token's metadata, and within TOKEN_CACHE_MS (like the token itself, token-cache.ts).
 * Sensitive fields are returned too: "sensitive" only hides a value from the console's viewers,
 * and the sync job holding an API key is who the metadata is for.
 */
import type { Db } from "../db";
import { cacheFor } from "../api-keys/ttl-cache";
import { connectionMetadata, parseTokenExtra, type MetadataValue } from "../tokens/connection-metadata";
import type { ConnectorAccess } from "./access";
import { TOKEN_CACHE_MS } from "./token-cache";

interface KeptExtra {
  version: number;
  extra: Record<string, unknown>;
}

const extraCache = (db: Db) => cacheFor<string, KeptExtra>(db, "proxy.tokenExtra", TOKEN_CACHE_MS);

/** Token.extra as stored with token `version` (or a newer one, when the row moved on meanwhile). */
async function keptExtra(db: Db, connectorId: string, version: number): Promise<Record<string, unknown>> {
  const cache = extraCache(db);
  const cached = cache.get(connectorId);
  if (cached?.version === version) return cached.extra;
  const row = await db.token.findUnique({ where: { connectorId }, select: { version: true, extra: true } });
  if (!row) return {};
  const kept = { version: row.version, extra: parseTokenExtra(row.extra) };
  cache.set(connectorId, kept);
  return kept.extra;
}

/** `{ name: value }` for the connector's configured fields that the vendor sent; {} when none are configured. */
export async function metadataForToken(
  db: Db,
  connector: Pick<ConnectorAccess, "id" | "metadataFields">,
  tokenVersion: number,
): Promise<Record<string, MetadataValue>> {
  if (connector.metadataFields.length === 0) return {};
  return connectionMetadata(await keptExtra(db, connector.id, tokenVersion), connector.metadataFields);
}
