/**
 * Revoking a stored token set at the vendor (RFC 7009, SECURITY 6) with a given client
 * configuration, one event per call. The caller chooses the configuration: Disconnect uses the
 * connector's own, an edit that moves the vendor URLs uses the one saved before the edit, so the
 * tokens and the secret only ever go where they went before.
 */
import type { Config } from "../env";
import type { Db } from "../db";
import { recordEvent, type Actor } from "../events";
import { revokeToken, type OAuthClientConfig, type OAuthError } from "../oauth";
import { failureEvent } from "./failure-event";
import type { StoredToken } from "./token-store";
import { vendorTransport } from "./transport";

/** "revoked" at the vendor, "unsupported" (no Revocation URL), "failed" (the vendor refused), "none" (no token held). */
export type Revocation = "revoked" | "unsupported" | "failed" | "none";

export async function revokeStoredTokens(
  db: Db,
  config: Config,
  actor: Actor,
  connectorId: string,
  client: OAuthClientConfig,
  stored: Pick<StoredToken, "accessToken" | "refreshToken">,
): Promise<{ revocation: Revocation; error: OAuthError | null }> {
  if (stored.accessToken === null && stored.refreshToken === null) return { revocation: "none", error: null };
  let revocation: Revocation = "unsupported";
  let error: OAuthError | null = null;
  // Revoking the refresh token ends the whole grant at most vendors (RFC 7009 §2.1); the access token is revoked too for those that don't.
  for (const [token, hint] of [
    [stored.refreshToken, "refresh_token"],
    [stored.accessToken, "access_token"],
  ] as const) {
    if (!token || !client.revocationUrl) continue;
    const result = await revokeToken(client, token, hint, vendorTransport(config));
    if (result.ok) {
      revocation = revocation === "failed" ? "failed" : "revoked";
      await recordEvent(db, actor, { connectorId, type: "token.revoked", detail: { tokenType: hint } });
    } else {
      revocation = "failed";
      error = result.error;
      await recordEvent(db, actor, failureEvent(connectorId, "token.revoke_failed", result.error));
    }
  }
  return { revocation, error };
}
