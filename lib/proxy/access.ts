/**
 * Which connector a machine-API request may use, and how its token is applied to vendor calls
 * (the connector's "Add auth data to" settings). Holds no secret.
 */
import type { Db } from "../db";
import { ApiError } from "../api-keys/api-error";
import { canUseConnector } from "../api-keys/service";
import { cacheFor } from "../api-keys/ttl-cache";
import { metadataFieldsOf } from "../connectors/records";
import type { MetadataFieldSpec } from "../tokens/connection-metadata";

/** Connector settings are read at most once per this interval per process; an edit applies within it. */
export const CONNECTOR_CACHE_MS = 2_000;

export type AuthApplication = { in: "header"; name: "Authorization"; prefix: string } | { in: "query"; name: string };

export interface ConnectorAccess {
  id: string;
  name: string;
  apply: AuthApplication;
  apiBaseUrl: string | null;
  /** Proxy paths may hold %2F inside a segment (lib/proxy/target.ts). */
  allowEncodedSlash: boolean;
  /** The connection metadata fields to hand out with the token, and to fill an API Base URL template from (connection-metadata.ts). */
  metadataFields: MetadataFieldSpec[];
}

/** Who asks: an API key (possibly scoped to one connector) or a signed-in admin (all connectors). */
export interface Requester {
  connectorId: string | null;
}

export function applicationOf(row: { authPlacement: string; headerPrefix: string; queryParamName: string }): AuthApplication {
  return row.authPlacement === "query"
    ? { in: "query", name: row.queryParamName || "access_token" }
    : { in: "header", name: "Authorization", prefix: row.headerPrefix.trim() };
}

/**
 * The connector, if the requester may use it. A scoped key asking for another connector is
 * refused before the lookup, so it cannot learn which ids exist.
 */
export async function connectorAccess(db: Db, requester: Requester, connectorId: string): Promise<ConnectorAccess> {
  if (!canUseConnector(requester, connectorId)) throw new ApiError("key_lacks_access", "This API key is limited to another connector.");
  const cache = cacheFor<string, ConnectorAccess>(db, "proxy.connector", CONNECTOR_CACHE_MS);
  const cached = cache.get(connectorId);
  if (cached) return cached;
  const row = await db.connector.findUnique({
    where: { id: connectorId },
    select: { id: true, name: true, authPlacement: true, headerPrefix: true, queryParamName: true, apiBaseUrl: true, allowEncodedSlash: true, metadataFields: true },
  });
  if (!row) throw new ApiError("unknown_connector", "No connector has this id.");
  const access: ConnectorAccess = {
    id: row.id,
    name: row.name,
    apply: applicationOf(row),
    apiBaseUrl: row.apiBaseUrl,
    allowEncodedSlash: row.allowEncodedSlash,
    metadataFields: metadataFieldsOf(row.metadataFields),
  };
  cache.set(connectorId, access);
  return access;
}
