/**
 * Which connector a machine-API request may use, and how its token is applied to vendor calls
 * (the connector's "Add auth data to" settings, or its static credential's). Holds no secret.
 */
import type { Db } from "../db";
import { ApiError } from "../machine-api/api-error";
import { canUseConnector } from "../api-keys/service";
import { cacheFor } from "../api-keys/ttl-cache";
import { credentialTypeOf, metadataFieldsOf } from "../connectors/records";
import type { CredentialType } from "../connectors/schema";
import type { MetadataFieldSpec } from "../tokens/connection-metadata";

/** Connector settings are read at most once per this interval per process; an edit applies within it. */
export const CONNECTOR_CACHE_MS = 2_000;

/** `prefix`: written before the token with one space; empty: the header holds the bare token. */
export type AuthApplication = { in: "header"; name: string; prefix: string } | { in: "query"; name: string };

export interface ConnectorAccess {
  id: string;
  name: string;
  credentialType: CredentialType;
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

export interface ApplicationSettings {
  credentialType: string;
  authPlacement: string;
  headerPrefix: string;
  queryParamName: string;
  apiKeyHeader: string;
}

/**
 * Where the token goes (SECURITY 43 for the static types). OAuth 2.0: the Authorization header
 * with the Header Prefix, or the query parameter. API Key: the header the admin named (Kandji
 * `Authorization: Bearer …`, or `X-Api-Key: …` with an empty prefix), or the query parameter.
 * Basic Auth: always `Authorization: Basic …` (RFC 7617), its token being base64(user:password).
 */
export function applicationOf(row: ApplicationSettings): AuthApplication {
  const type = credentialTypeOf(row.credentialType);
  if (type === "basic") return { in: "header", name: "Authorization", prefix: "Basic" };
  if (row.authPlacement === "query") return { in: "query", name: row.queryParamName || "access_token" };
  const name = type === "api_key" ? row.apiKeyHeader.trim() || "Authorization" : "Authorization";
  return { in: "header", name, prefix: row.headerPrefix.trim() };
}

const accessCache = (db: Db) => cacheFor<string, ConnectorAccess>(db, "proxy.connector", CONNECTOR_CACHE_MS);

/** After an edit: this process reads the connector's settings again on its next request. */
export function forgetConnectorAccess(db: Db, connectorId: string): void {
  accessCache(db).delete(connectorId);
}

/**
 * The connector, if the requester may use it. A scoped key asking for another connector is
 * refused before the lookup, so it cannot learn which ids exist.
 */
export async function connectorAccess(db: Db, requester: Requester, connectorId: string): Promise<ConnectorAccess> {
  if (!canUseConnector(requester, connectorId)) throw new ApiError("key_lacks_access", "This API key is limited to another connector.");
  const cache = accessCache(db);
  const cached = cache.get(connectorId);
  if (cached) return cached;
  const row = await db.connector.findUnique({
    where: { id: connectorId },
    select: {
      id: true,
      name: true,
      credentialType: true,
      authPlacement: true,
      headerPrefix: true,
      queryParamName: true,
      apiKeyHeader: true,
      apiBaseUrl: true,
      allowEncodedSlash: true,
      metadataFields: true,
    },
  });
  if (!row) throw new ApiError("unknown_connector", "No connector has this id.");
  const access: ConnectorAccess = {
    id: row.id,
    name: row.name,
    credentialType: credentialTypeOf(row.credentialType),
    apply: applicationOf(row),
    apiBaseUrl: row.apiBaseUrl,
    allowEncodedSlash: row.allowEncodedSlash,
    metadataFields: metadataFieldsOf(row.metadataFields),
  };
  cache.set(connectorId, access);
  return access;
}
