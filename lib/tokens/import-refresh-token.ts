/**
 * Import a refresh token: for vendors whose console hands one out (Workday) and for any
 * authorization-code connector an admin would rather not re-authorize. The token is redeemed at
 * once, through the connector's normal refresh request (RFC 6749 §6), which proves it works; only
 * then is anything stored. From there the lifecycle manages it like one that came from Authorize.
 *
 * Stored: the new access token and the refresh token the vendor rotated to, or, when it returned
 * none, the imported one (SECURITY 22). A refused token stores nothing and is an event with the
 * classified, redacted error (SECURITY 24, 26). The token's value is never in an event or a message.
 *
 * Under the token row's lease when there is a row (SECURITY 21): a refresh already under way
 * stores its result first, and none starts while the imported grant is being written.
 */
import { loadOAuthClient } from "../connectors/oauth-client";
import type { Db } from "../db";
import type { Config } from "../env";
import { DomainError } from "../errors";
import { recordEvent, type Actor } from "../events";
import { newId } from "../ids";
import { requestToken } from "../oauth";
import { failureEvent } from "./failure-event";
import { lifecycleSettings } from "./flight";
import { releaseLease, takeLeaseWaiting } from "./lease";
import { CONNECTOR_STATE, STORED_STATUS } from "./status";
import { notifyStatusChange } from "./status-alerts";
import type { TokenFailure } from "./token-failure";
import { LeaseLostError, storeTokenSet } from "./token-store";
import { leasedCallTimeoutMs, vendorTransport } from "./transport";

export type ImportOutcome = { ok: true; eventId: string; refreshTokenRotated: boolean } | { ok: false; eventId: string; error: TokenFailure };

export async function importRefreshToken(db: Db, config: Config, actor: Actor, connectorId: string, refreshToken: string): Promise<ImportOutcome> {
  const client = await loadOAuthClient(db, config.keyRing, connectorId);
  if (client.staticCredential !== undefined || client.config.grantType !== "authorization_code") {
    throw new DomainError("INVALID_STATE", "Only Authorization Code connectors hold refresh tokens: this connector gets its tokens with Get token.");
  }
  const connector = await db.connector.findUniqueOrThrow({
    where: { id: connectorId },
    select: { state: true, refreshTokenIdleDays: true, refreshTokenMaxDays: true },
  });
  if (connector.state === CONNECTOR_STATE.deleting) throw new DomainError("NOT_FOUND", "This connector is being deleted.");

  const { leaseTtlMs, refreshLeadMs } = lifecycleSettings(config);
  const lease = await takeLeaseWaiting(db, connectorId, leaseTtlMs);
  try {
    const send = vendorTransport(config, lease ? { timeoutMs: leasedCallTimeoutMs(leaseTtlMs) } : {});
    const result = await requestToken(client.config, { type: "refresh_token", refreshToken }, send);
    if (!result.ok) {
      const eventId = await recordEvent(db, actor, failureEvent(connectorId, "token.import_failed", result.error));
      return { ok: false, eventId, error: result.error };
    }
    const token = result.token;
    const eventId = newId();
    // Read before the transaction, so that it starts with its write (SQLite: see storeTokenSet).
    const existing = lease ? await db.token.findUnique({ where: { connectorId } }) : null;
    const stored = await db.$transaction(async (tx) => {
      const written = await storeTokenSet(
        tx,
        config.keyRing,
        connectorId,
        { ...token, refreshToken: token.refreshToken ?? refreshToken },
        {
          ...(lease && existing ? { leaseOwner: lease.owner, existing } : {}),
          replaceExtra: true,
          minLeadMs: refreshLeadMs,
          // A grant new to Latchkey: an absolute refresh-token lifetime counts from now.
          newGrant: true,
          lifetimes: { idleDays: connector.refreshTokenIdleDays, maxDays: connector.refreshTokenMaxDays },
        },
      );
      // Like a completed Authorize, an admin's import connects a disconnected connector again (SECURITY 27).
      await tx.connector.update({ where: { id: connectorId }, data: { state: CONNECTOR_STATE.enabled } });
      await recordEvent(tx, actor, {
        id: eventId,
        connectorId,
        type: "token.imported",
        detail: { refreshTokenRotated: Boolean(token.refreshToken), expiresAt: token.expiresAt, scopes: token.scopes },
      });
      return written;
    });
    if (lease) lease.released = true;
    void notifyStatusChange(db, config, { connectorId, previous: stored.previousStatus, next: STORED_STATUS.active, errorCode: null });
    return { ok: true, eventId, refreshTokenRotated: Boolean(token.refreshToken) };
  } catch (error) {
    if (error instanceof LeaseLostError) {
      throw new DomainError(
        "CONFLICT",
        "The vendor redeemed the refresh token, but the connector's token changed meanwhile (a slow vendor, or another instance). Import a refresh token again.",
      );
    }
    throw error;
  } finally {
    if (lease) await releaseLease(db, lease).catch(() => undefined);
  }
}
