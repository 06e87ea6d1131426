/**
 * The one vendor call of a flight, made while holding the connector's lease, and what is stored
 * afterwards. Success: the new access token and the (possibly rotated) refresh token in one
 * conditional write that also clears the lease (SECURITY 22). Failure: status, error class,
 * failure count and the next allowed attempt, never the credentials (SECURITY 24). Both only if
 * the lease is still ours; every attempt is an event (SECURITY 26).
 *
 * A failed early renewal (the stored token has not expired) still answers the caller with the
 * stored token, unless the caller insisted on a new one (force): the failure is recorded and
 * retried with backoff, and a worker keeps working meanwhile.
 */
import { loadOAuthClient } from "../connectors/oauth-client";
import { recordEvent } from "../events";
import { newId } from "../ids";
import { requestToken, type Grant, type GrantType, type TokenSet } from "../oauth";
import { staticTokenResult } from "./static-credential";
import { failureEvent } from "./failure-event";
import { storedStatusAfterFailure } from "./failure-status";
import { storedTokenResult, type FlightRow } from "./flight-row";
import { lifecycleSettings, type FlightContext, type FreshTokenResult } from "./flight";
import type { Lease } from "./lease";
import { nextAttemptAfter } from "./refresher/backoff";
import { CONNECTOR_STATE, STORED_STATUS } from "./status";
import { notifyStatusChange } from "./status-alerts";
import { failureClassOfCode, lifecycleFailure, type TokenFailure } from "./token-failure";
import { LeaseLostError, openToken, recordTokenFailure, storeTokenSet } from "./token-store";
import { leasedCallTimeoutMs, vendorTransport } from "./transport";
import { describeError } from "../log/safe-error";

/**
 * "retry": the lease was lost or another writer got there first; re-read and decide again.
 * `eventId`: the event this attempt already recorded about sharing the other writer's result.
 */
export type AttemptOutcome = { kind: "done"; result: FreshTokenResult } | { kind: "retry"; eventId?: string };

export function eventTypeOf(ctx: Pick<FlightContext, "purpose">): "token.obtained" | "token.refreshed" {
  return ctx.purpose === "obtain" ? "token.obtained" : "token.refreshed";
}

/** Refresh with the refresh token when one is held; a non-interactive connector otherwise runs its grant again. */
export function grantFor(ctx: Pick<FlightContext, "purpose">, refreshToken: string | null, grantType: GrantType = "client_credentials"): Grant {
  if (ctx.purpose === "refresh" && refreshToken) return { type: "refresh_token", refreshToken };
  return grantType === "jwt_bearer" ? { type: "jwt_bearer" } : { type: "client_credentials" };
}

export async function attemptUnderLease(ctx: FlightContext, row: FlightRow, lease: Lease): Promise<AttemptOutcome> {
  const { db, config, connectorId } = ctx;
  const client = await loadOAuthClient(db, config.keyRing, connectorId);
  const grant = grantFor(ctx, openToken(config.keyRing, row).refreshToken, client.config.grantType);
  const send = vendorTransport(config, { timeoutMs: leasedCallTimeoutMs(lifecycleSettings(config).leaseTtlMs) });
  // A static credential (API Key, Basic Auth) is "obtained" without a vendor call (SECURITY 43).
  const result = client.staticCredential !== undefined ? staticTokenResult(client.staticCredential) : await requestToken(client.config, grant, send);
  if (result.ok) return storeSuccess(ctx, row, lease, grant, result.token);

  let failure: TokenFailure = result.error;
  if (result.error.code === "invalid_grant" && grant.type === "refresh_token") {
    // SECURITY 23: if another writer rotated the refresh token meanwhile, use its result.
    const current = await db.token.findUnique({ where: { connectorId }, select: { version: true } });
    if (current && current.version !== row.version) {
      const eventId = await recordEvent(db, ctx.actor, {
        connectorId,
        type: "token.refresh_shared",
        detail: { reason: "rotated by another process", vendorError: result.error.vendorError },
      });
      return { kind: "retry", eventId };
    }
    // The lease was taken over from an owner that died mid-refresh: the vendor rotated the token it spent.
    if (lease.tookOverFrom) failure = lifecycleFailure("interrupted_rotation", result.error);
  }
  return storeFailure(ctx, row, lease, failure);
}

async function storeSuccess(ctx: FlightContext, row: FlightRow, lease: Lease, grant: Grant, token: TokenSet): Promise<AttemptOutcome> {
  const { db, config, connectorId, actor } = ctx;
  const eventId = newId();
  const now = new Date();
  const lifetimes = { idleDays: row.connector.refreshTokenIdleDays, maxDays: row.connector.refreshTokenMaxDays };
  try {
    const written = await writeWhileLeased(lease, () =>
      db.$transaction(async (tx) => {
        const stored = await storeTokenSet(tx, config.keyRing, connectorId, token, {
          leaseOwner: lease.owner,
          existing: row,
          now,
          minLeadMs: lifecycleSettings(config).refreshLeadMs,
          lifetimes,
        });
        // An admin's Get token connects a disconnected connector again.
        if (row.connector.state !== CONNECTOR_STATE.enabled)
          await tx.connector.update({ where: { id: connectorId }, data: { state: CONNECTOR_STATE.enabled } });
        await recordEvent(tx, actor, {
          id: eventId,
          connectorId,
          type: eventTypeOf(ctx),
          detail: {
            grant: grant.type,
            refreshTokenReturned: Boolean(token.refreshToken),
            expiresAt: token.expiresAt,
            scopes: token.scopes,
            ...(lease.tookOverFrom ? { tookOverExpiredLease: true } : {}),
          },
        });
        return stored;
      }),
    );
    lease.released = true;
    void notifyStatusChange(db, config, { connectorId, previous: written.previousStatus, next: STORED_STATUS.active, errorCode: null });
    return {
      kind: "done",
      result: {
        ok: true,
        accessToken: token.accessToken,
        tokenType: token.tokenType,
        expiresAt: token.expiresAt,
        version: written.version,
        refreshed: true,
        shared: false,
        refreshTokenRotated: written.refreshTokenRotated,
        eventId,
        renewAt: written.renewAt,
      },
    };
  } catch (error) {
    if (!(error instanceof LeaseLostError)) throw error;
    lease.released = true;
    // The vendor issued tokens that cannot be stored: whoever holds the row now has newer ones.
    await recordEvent(db, actor, {
      connectorId,
      type: "token.refresh_discarded",
      outcome: "failure",
      errorCode: "lease_lost",
      detail: { grant: grant.type, reason: error.message },
    });
    return { kind: "retry" };
  }
}

/**
 * The vendor has answered with new tokens: if the vendor rotated the refresh token, these are now
 * the only copy of it anywhere. A database error (PostgreSQL restarting, SQLite busy beyond its
 * timeout) must not drop them, so the write is tried again, backing off, while the lease is
 * ours. A lease taken over meanwhile (LeaseLostError) ends it: the new owner's row wins.
 */
async function writeWhileLeased<T>(lease: Lease, write: () => Promise<T>): Promise<T> {
  for (let delay = 100; ; delay = Math.min(delay * 2, 2_000)) {
    try {
      return await write();
    } catch (error) {
      if (error instanceof LeaseLostError || Date.now() + delay >= lease.expiresAt.getTime()) throw error;
      console.warn(`latchkey: storing renewed tokens failed, retrying: ${describeError(error)}`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

async function storeFailure(ctx: FlightContext, row: FlightRow, lease: Lease, failure: TokenFailure): Promise<AttemptOutcome> {
  const { db, config, connectorId, actor } = ctx;
  const now = new Date();
  const failureCount = row.failureCount + 1;
  const status = storedStatusAfterFailure(row.status, failure, failureCount);
  // Needs re-authorization stops retries (SECURITY 23); every other class waits, honouring Retry-After.
  const nextAttemptAt =
    status === STORED_STATUS.needsReauth
      ? null
      : nextAttemptAfter(failureClassOfCode(failure.code), { failureCount, retryAfterSeconds: failure.retryAfterSeconds, random: ctx.random }, now);
  const { written, eventId } = await db.$transaction(async (tx) => {
    const written = await recordTokenFailure(tx, connectorId, failure, status, { leaseOwner: lease.owner, failureCount, nextAttemptAt, now });
    const eventId = await recordEvent(tx, actor, failureEvent(connectorId, `${eventTypeOf(ctx)}_failed`, failure, written ? {} : { leaseLost: true }));
    return { written, eventId };
  });
  lease.released = true;
  if (!written) return { kind: "retry" };
  void notifyStatusChange(db, config, { connectorId, previous: row.status, next: status, errorCode: failure.code });
  const stillValid = ctx.force ? null : storedTokenResult(ctx, row, now);
  if (stillValid) return { kind: "done", result: { ...stillValid, eventId, renewalFailure: failure } };
  return { kind: "done", result: { ok: false, error: failure, shared: false, eventId } };
}
