/**
 * Disconnect: a state, not just a deletion. The connector is marked disconnected first, so
 * nothing obtains or renews a token for it automatically any more (fresh-token.ts refuses,
 * workers get a 409), then the current tokens are revoked at the vendor where it offers a
 * revocation endpoint (RFC 7009, SECURITY 6) and the stored ciphertext is deleted. Only an
 * admin's Authorize or Get token connects it again.
 *
 * Ordering against a refresh in flight: after the state is set, Disconnect takes the token
 * row's lease, so a refresh already talking to the vendor stores its result first and that
 * newest token is the one revoked; any flight after it finds the state and stops. A client
 * credentials connector's first token cannot slip in either: its row is only created while
 * the connector row says "enabled" (token-store.ts, ensureAttemptRow).
 *
 * Delete uses the same path with the state "deleting", then removes the connector.
 * A failed revocation does not keep the tokens: the admin asked for them to be gone, and the
 * event says to revoke the app's access in the vendor's console.
 */
import type { Config } from "../env";
import type { Db } from "../db";
import { recordEvent, type Actor } from "../events";
import { revokeToken, type OAuthError } from "../oauth";
import { loadOAuthClient } from "../connectors/oauth-client";
import { failureEvent } from "./failure-event";
import { lifecycleSettings } from "./flight";
import { releaseLease, tryAcquireLease, waitForLease, type Lease } from "./lease";
import { CONNECTOR_STATE } from "./status";
import { readStoredToken } from "./token-store";
import { vendorTransport } from "./transport";

export interface DisconnectOutcome {
  hadToken: boolean;
  /** "revoked" at the vendor, "unsupported" (no Revocation URL), or "failed" (tokens deleted anyway). */
  revocation: "revoked" | "unsupported" | "failed" | "none";
  error: OAuthError | null;
}

export async function disconnectConnector(db: Db, config: Config, actor: Actor, connectorId: string, options: { deleting?: boolean } = {}): Promise<DisconnectOutcome> {
  const client = await loadOAuthClient(db, config.keyRing, connectorId);
  await db.connector.update({ where: { id: connectorId }, data: { state: options.deleting ? CONNECTOR_STATE.deleting : CONNECTOR_STATE.disconnected } });
  const lease = await takeLease(db, config, connectorId);
  try {
    const stored = await readStoredToken(db, config.keyRing, connectorId);
    if (!stored || stored.accessToken === null) {
      await db.token.deleteMany({ where: { connectorId } });
      if (!options.deleting) await recordEvent(db, actor, { connectorId, type: "connector.disconnected", detail: { revocation: "none" } });
      return { hadToken: false, revocation: "none", error: null };
    }
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
  } finally {
    if (lease) await releaseLease(db, lease).catch(() => undefined);
  }
}

/** The token row's lease, waiting out a refresh in flight (bounded by the lease's own expiry). Null when there is no row. */
async function takeLease(db: Db, config: Config, connectorId: string): Promise<Lease | null> {
  const { leaseTtlMs } = lifecycleSettings(config);
  const deadline = Date.now() + leaseTtlMs + 5_000;
  for (;;) {
    const lease = await tryAcquireLease(db, connectorId, leaseTtlMs);
    if (lease) return lease;
    const row = await db.token.findUnique({ where: { connectorId }, select: { id: true } });
    if (!row || Date.now() > deadline) return null;
    await waitForLease(db, connectorId, deadline);
  }
}
