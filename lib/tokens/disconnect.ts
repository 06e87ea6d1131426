/**
 * Disconnect: revoke the tokens at the vendor when it offers a revocation endpoint (RFC 7009,
 * SECURITY 6), then delete the stored ciphertext. The connector stays configured. A failed
 * revocation does not keep the tokens: the admin asked for them to be gone, and the event says
 * to revoke the app's access in the vendor's console.
 */
import type { Config } from "../env";
import type { Db } from "../db";
import { recordEvent, type Actor } from "../events";
import { revokeToken, type OAuthError } from "../oauth";
import { loadOAuthClient } from "../connectors/oauth-client";
import { failureEvent } from "./failure-event";
import { readStoredToken } from "./token-store";
import { vendorTransport } from "./transport";

export interface DisconnectOutcome {
  hadToken: boolean;
  /** "revoked" at the vendor, "unsupported" (no Revocation URL), or "failed" (tokens deleted anyway). */
  revocation: "revoked" | "unsupported" | "failed" | "none";
  error: OAuthError | null;
}

export async function disconnectConnector(db: Db, config: Config, actor: Actor, connectorId: string): Promise<DisconnectOutcome> {
  const client = await loadOAuthClient(db, config.keyRing, connectorId);
  const stored = await readStoredToken(db, config.keyRing, connectorId);
  if (!stored) return { hadToken: false, revocation: "none", error: null };

  let revocation: DisconnectOutcome["revocation"] = "unsupported";
  let error: OAuthError | null = null;
  // Revoking the refresh token ends the whole grant at most vendors (RFC 7009 §2.1); the access token is revoked too for those that don't.
  for (const [token, hint] of [
    [stored.refreshToken, "refresh_token"],
    [stored.accessToken, "access_token"],
  ] as const) {
    if (!token || !client.config.revocationUrl) continue;
    const result = await revokeToken(client.config, token, hint, vendorTransport(config));
    if (result.ok) {
      revocation = revocation === "failed" ? "failed" : "revoked";
      await recordEvent(db, actor, { connectorId, type: "token.revoked", detail: { tokenType: hint } });
    } else {
      revocation = "failed";
      error = result.error;
      await recordEvent(db, actor, failureEvent(connectorId, "token.revoke_failed", result.error));
    }
  }
  await db.$transaction(async (tx) => {
    await tx.token.deleteMany({ where: { connectorId } });
    await recordEvent(tx, actor, { connectorId, type: "connector.disconnected", detail: { revocation } });
  });
  return { hadToken: true, revocation, error };
}
