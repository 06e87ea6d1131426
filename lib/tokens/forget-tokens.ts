/**
 * Dropping a connector's tokens because a configuration change makes them unsafe to keep (its
 * vendor URLs moved to another origin, lib/connectors/vendor-origins.ts; or a static connector got
 * a new API key or password, or another credential type, SECURITY 43). Unlike Disconnect, the
 * connector's state does not change: it stays enabled and reads "Not authorized" until an admin
 * authorizes it again (or, for client credentials, the next request gets a token with the new
 * configuration and the secret entered with it).
 *
 * Everything happens under the token row's lease, so no refresh runs in between: one already in
 * flight finishes first and its newest token is the one revoked, and one waiting for the lease
 * then finds no token (fresh-token.ts decides again under the lease, with the configuration
 * loaded there). The tokens are revoked with the configuration stored NOW, before the edit is
 * written: the old URLs and the old secret, which already had them. Then one transaction deletes
 * the tokens and writes the new configuration. The old secret and tokens never reach the new
 * origin. A failed revocation does not keep the tokens (as with Disconnect): the event says so.
 */
import type { Config } from "../env";
import type { Db } from "../db";
import type { Actor } from "../events";
import { loadOAuthClient } from "../connectors/oauth-client";
import { lifecycleSettings } from "./flight";
import { releaseLease, takeLeaseWaiting } from "./lease";
import { revokeStoredTokens, type Revocation } from "./revoke-stored";
import { readStoredToken } from "./token-store";

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Revokes the stored tokens with the stored (old) client configuration, then deletes them in one
 * transaction with `writeChange(tx, revocation)`, the change that made them unsafe.
 */
export async function revokeAndForgetTokens(
  db: Db,
  config: Config,
  actor: Actor,
  connectorId: string,
  writeChange: (tx: Tx, revocation: Revocation) => Promise<void>,
): Promise<Revocation> {
  const lease = await takeLeaseWaiting(db, connectorId, lifecycleSettings(config).leaseTtlMs);
  try {
    const oldClient = await loadOAuthClient(db, config.keyRing, connectorId);
    const stored = await readStoredToken(db, config.keyRing, connectorId);
    // A static credential's token is the credential itself: never sent to a Revocation URL (SECURITY 43).
    const revocable = stored && oldClient.staticCredential === undefined;
    const { revocation } = revocable
      ? await revokeStoredTokens(db, config, actor, connectorId, oldClient.config, stored)
      : { revocation: stored?.accessToken ? ("unsupported" as const) : ("none" as const) };
    await db.$transaction(async (tx) => {
      await tx.token.deleteMany({ where: { connectorId } });
      await writeChange(tx, revocation);
    });
    return revocation;
  } finally {
    if (lease) await releaseLease(db, lease).catch(() => undefined);
  }
}
