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
import type { OAuthError } from "../oauth";
import { loadOAuthClient } from "../connectors/oauth-client";
import { lifecycleSettings } from "./flight";
import { releaseLease, takeLeaseWaiting } from "./lease";
import { revokeStoredTokens, type Revocation } from "./revoke-stored";
import { CONNECTOR_STATE } from "./status";
import { readStoredToken } from "./token-store";

export interface DisconnectOutcome {
  hadToken: boolean;
  /** "revoked" at the vendor, "unsupported" (no Revocation URL), or "failed" (tokens deleted anyway). */
  revocation: Revocation;
  error: OAuthError | null;
}

/** API Key and Basic Auth connectors: nothing to revoke at the vendor; the admin revokes the key in its console if needed. */
const NOT_REVOCABLE = { revocation: "unsupported", error: null } as const;

export async function disconnectConnector(
  db: Db,
  config: Config,
  actor: Actor,
  connectorId: string,
  options: { deleting?: boolean } = {},
): Promise<DisconnectOutcome> {
  const client = await loadOAuthClient(db, config.keyRing, connectorId);
  await db.connector.update({ where: { id: connectorId }, data: { state: options.deleting ? CONNECTOR_STATE.deleting : CONNECTOR_STATE.disconnected } });
  const lease = await takeLeaseWaiting(db, connectorId, lifecycleSettings(config).leaseTtlMs);
  try {
    const stored = await readStoredToken(db, config.keyRing, connectorId);
    if (!stored || stored.accessToken === null) {
      await db.token.deleteMany({ where: { connectorId } });
      if (!options.deleting) await recordEvent(db, actor, { connectorId, type: "connector.disconnected", detail: { revocation: "none" } });
      return { hadToken: false, revocation: "none", error: null };
    }
    // A static credential's token is the API key or password itself: never sent to a Revocation URL (SECURITY 43).
    const { revocation, error } =
      client.staticCredential !== undefined ? NOT_REVOCABLE : await revokeStoredTokens(db, config, actor, connectorId, client.config, stored);
    await db.$transaction(async (tx) => {
      await tx.token.deleteMany({ where: { connectorId } });
      await recordEvent(tx, actor, { connectorId, type: "connector.disconnected", detail: { revocation } });
    });
    return { hadToken: true, revocation, error };
  } finally {
    if (lease) await releaseLease(db, lease).catch(() => undefined);
  }
}
