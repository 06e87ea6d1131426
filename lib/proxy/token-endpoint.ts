/**
 * `GET /api/v1/connectors/{id}/token`: the connector's current access token for a sync worker,
 * renewed first (single flight, lib/tokens) when it is expired or inside the renewal lead time
 * (noticed within two seconds: token-cache.ts).
 * Returns the access token, its type and expiry and how to apply it; never the refresh token or
 * the client secret (SECURITY 10). Sent with `Cache-Control: no-store` (SECURITY 11).
 */
import type { Config } from "../env";
import type { Db } from "../db";
import type { Actor } from "../events";
import { connectorAccess, type AuthApplication, type Requester } from "./access";
import { cachedToken } from "./token-cache";

export interface WorkerTokenBody {
  connector_id: string;
  access_token: string;
  token_type: string;
  /** ISO 8601, or null when the vendor gave no expiry. */
  expires_at: string | null;
  /** Whole seconds left, or null when the expiry is unknown. */
  expires_in: number | null;
  apply: AuthApplication;
}

export async function workerToken(db: Db, config: Config, requester: Requester & { actor: Actor }, connectorId: string, now = () => new Date()): Promise<WorkerTokenBody> {
  const connector = await connectorAccess(db, requester, connectorId);
  const result = await cachedToken(db, config, connector.id, requester.actor);
  const expiresAt = result.expiresAt ? new Date(result.expiresAt) : null;
  return {
    connector_id: connector.id,
    access_token: result.accessToken,
    // Vendors that send no token_type (Slack legacy, LinkedIn) use the connector's header prefix.
    token_type: result.tokenType || (connector.apply.in === "header" && connector.apply.prefix) || "Bearer",
    expires_at: expiresAt?.toISOString() ?? null,
    expires_in: expiresAt ? Math.max(0, Math.floor((expiresAt.getTime() - now().getTime()) / 1000)) : null,
    apply: connector.apply,
  };
}
