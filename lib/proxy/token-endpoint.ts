/**
 * The token endpoints for sync workers, shared by the route handlers and node-handler.ts so both
 * paths answer alike:
 *
 * - `GET /api/v1/connectors/{id}/token[?min_ttl=SECONDS]`: the connector's current access token,
 *   renewed first (single flight, lib/tokens) when it is expired, inside the renewal lead time
 *   (noticed within two seconds: token-cache.ts) or would expire within `min_ttl` seconds. When
 *   that renewal fails but the stored token is still valid, the stored token is the answer.
 * - `POST /api/v1/connectors/{id}/token/refresh`: renew now, for a worker whose token the vendor
 *   refused (typically one without a known expiry). Automatic callers share any vendor call made
 *   in the last FORCED_RENEWAL_INTERVAL_MS (lib/tokens/freshness.ts), so however many workers
 *   ask, on however many instances, the vendor sees at most one call per 10 s per connector.
 *
 * Both return the access token, its type and expiry, how to apply it, and the connector's
 * connection metadata (connection-metadata.ts: `{}` when it keeps none); never the refresh token
 * or the client secret (SECURITY 10). Sent with `Cache-Control: no-store` (SECURITY 11).
 *
 * An API Key or Basic Auth connector answers the same way (SECURITY 43): `access_token` is the
 * key, or base64(user name:password) for Basic, with no expiry; `credential_type` says which,
 * and `apply` says exactly where it goes. A forced renewal just derives it again.
 */
import type { Config } from "../env";
import type { Db } from "../db";
import type { Actor } from "../events";
import { ApiError } from "../machine-api/api-error";
import type { FreshToken } from "../tokens/service";
import type { MetadataValue } from "../tokens/connection-metadata";
import type { CredentialType } from "../connectors/schema";
import { connectorAccess, type AuthApplication, type ConnectorAccess, type Requester } from "./access";
import { metadataForToken } from "./connection-metadata";
import { cachedToken, freshToken } from "./token-cache";
import { tokenQueryOf } from "./token-query";

export interface WorkerTokenBody {
  connector_id: string;
  /** "oauth2", or a static credential: "api_key" (the key itself) or "basic" (base64 of user:password). */
  credential_type: CredentialType;
  access_token: string;
  /** The vendor's token_type (OAuth 2.0), "Basic", or for an API key its Header Prefix, else "ApiKey". */
  token_type: string;
  /** ISO 8601, or null when the vendor gave no expiry. */
  expires_at: string | null;
  /** Whole seconds left, or null when the expiry is unknown. */
  expires_in: number | null;
  apply: AuthApplication;
  /** The connector's configured connection metadata fields the vendor sent (instance_url, realmId…), sensitive ones included. */
  metadata: Record<string, MetadataValue>;
}

export interface WorkerRefreshBody extends WorkerTokenBody {
  /** True when this request's flight called the vendor; false when it shared a recent renewal. */
  refreshed: boolean;
}

type WorkerRequester = Requester & { actor: Actor };
type Clock = () => Date;

export interface WorkerTokenOptions {
  /** Renew first when the token expires sooner than this many seconds. */
  minTtlSeconds?: number;
  now?: Clock;
}

export async function workerToken(
  db: Db,
  config: Config,
  requester: WorkerRequester,
  connectorId: string,
  { minTtlSeconds = 0, now = () => new Date() }: WorkerTokenOptions = {},
): Promise<WorkerTokenBody> {
  const connector = await connectorAccess(db, requester, connectorId);
  const result = await cachedToken(db, config, connector.id, requester.actor, minTtlSeconds * 1000);
  return tokenBody(connector, result, await metadataForToken(db, connector, result.version), now());
}

/** A forced renewal as an automatic caller (an API key is never a person): shares a renewal of the last 10 s. */
export async function workerRefresh(
  db: Db,
  config: Config,
  requester: WorkerRequester,
  connectorId: string,
  { now = () => new Date() }: { now?: Clock } = {},
): Promise<WorkerRefreshBody> {
  const connector = await connectorAccess(db, requester, connectorId);
  const result = await freshToken(db, config, connector.id, requester.actor, true);
  return { ...tokenBody(connector, result, await metadataForToken(db, connector, result.version), now()), refreshed: result.refreshed };
}

export type TokenEndpoint = "token" | "refresh";

const ALLOWED_METHOD: Record<TokenEndpoint, string> = { token: "GET", refresh: "POST" };

export interface TokenRequest {
  endpoint: TokenEndpoint;
  method: string;
  connectorId: string;
  query: URLSearchParams;
}

/**
 * One request to either endpoint, checked in the same order on both paths: method (405 with
 * `Allow`, RFC 9110 §15.5.6), query (400), then the connector and its token. The caller has
 * authenticated the API key already.
 */
export function tokenRequest(db: Db, config: Config, requester: WorkerRequester, request: TokenRequest): Promise<WorkerTokenBody | WorkerRefreshBody> {
  const allowed = ALLOWED_METHOD[request.endpoint];
  if (request.method !== allowed) throw new ApiError("method_not_allowed", `Use ${allowed}.`, {}, { allow: allowed });
  if (request.endpoint === "refresh") return workerRefresh(db, config, requester, request.connectorId);
  return workerToken(db, config, requester, request.connectorId, tokenQueryOf(request.query));
}

function tokenBody(connector: ConnectorAccess, result: FreshToken, metadata: Record<string, MetadataValue>, now: Date): WorkerTokenBody {
  const expiresAt = result.expiresAt ? new Date(result.expiresAt) : null;
  return {
    connector_id: connector.id,
    credential_type: connector.credentialType,
    access_token: result.accessToken,
    token_type: tokenTypeOf(connector, result),
    expires_at: expiresAt?.toISOString() ?? null,
    expires_in: expiresAt ? Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000)) : null,
    apply: connector.apply,
    metadata,
  };
}

/**
 * OAuth 2.0: the vendor's token_type; vendors that send none (Slack legacy, LinkedIn) get the
 * connector's header prefix. Basic Auth: "Basic" (RFC 7617). An API key has no token type: its
 * Header Prefix when it has one (Kandji "Bearer"), else "ApiKey", which is no HTTP scheme: a
 * worker must follow `apply`.
 */
function tokenTypeOf(connector: ConnectorAccess, result: FreshToken): string {
  const prefix = connector.apply.in === "header" ? connector.apply.prefix : "";
  if (connector.credentialType === "basic") return "Basic";
  if (connector.credentialType === "api_key") return prefix || "ApiKey";
  return result.tokenType || prefix || "Bearer";
}
