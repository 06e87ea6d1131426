/**
 * `ensureFreshToken`: the one way to get a usable access token, for sync workers, the refresher
 * and the console's buttons alike. At most one vendor call per connector at any moment across
 * all instances (SECURITY 21):
 *
 * 1. In this process, concurrent callers share one flight (one promise per connector).
 * 2. The flight reads the row and decides (freshness.ts): use the stored token, share a result
 *    that finished after the caller asked, report why no token can be had, or renew.
 * 3. To renew it takes the database lease. If another instance holds it, it waits until that
 *    lease is released or expires, then decides again: the other instance's result is usually
 *    what it gets. Holding the lease, it decides once more on a fresh read, then calls the vendor
 *    (refresh-attempt.ts).
 *
 * A disconnected connector gets nothing automatically: only an admin's Get token (or Authorize,
 * in lib/authorization) connects it again.
 */
import { obtainsWithoutBrowser } from "../oauth/grants";
import type { Config } from "../env";
import type { Db } from "../db";
import { DomainError } from "../errors";
import { recordEvent, SYSTEM_ACTOR, type Actor } from "../events";
import { runningFlight, singleFlight } from "./coalesce";
import { lifecycleSettings, type FlightContext, type FlightPurpose, type FreshTokenResult } from "./flight";
import { decide, type Decision } from "./freshness";
import { releaseLease, tryAcquireLease, waitForLease } from "./lease";
import { attemptUnderLease } from "./refresh-attempt";
import { CONNECTOR_STATE } from "./status";
import { busyFailure, lifecycleFailure, storedFailure, type TokenFailure } from "./token-failure";
import { freshnessOf, storedTokenResult, tokenRow } from "./flight-row";
import { ensureAttemptRow, type TokenRow } from "./token-store";

export type { FreshToken, FreshTokenFailure, FreshTokenResult } from "./flight";

export interface EnsureOptions {
  /** Renew even if the token looks fresh, unless a renewal finished after this call began. */
  force?: boolean;
  /** Recorded on events; defaults to "system". A user actor (Refresh now) also retries connectors that need re-authorization or are backing off. */
  actor?: Actor;
  /** Uniform random source for backoff jitter (tests). */
  random?: () => number;
  /** Renew first when the token expires sooner than this many milliseconds (a worker's `min_ttl`). */
  minTtlMs?: number;
}

export function ensureFreshToken(db: Db, config: Config, connectorId: string, options: EnsureOptions = {}): Promise<FreshTokenResult> {
  return startFlight(db, config, connectorId, "refresh", options);
}

/** Shared by ensureFreshToken and Get token (purpose "obtain": always the client credentials grant). */
export function startFlight(db: Db, config: Config, connectorId: string, purpose: FlightPurpose, options: EnsureOptions): Promise<FreshTokenResult> {
  const actor = options.actor ?? SYSTEM_ACTOR;
  const force = purpose === "obtain" || Boolean(options.force);
  const minTtlMs = Math.max(0, options.minTtlMs ?? 0);
  const ctx: FlightContext = {
    db,
    config,
    connectorId,
    purpose,
    force,
    manual: actor.userId !== null,
    actor,
    askedAt: new Date(),
    random: options.random ?? Math.random,
    minTtlMs,
  };
  // Callers that differ in what they insist on (force, a person, min_ttl) do not share a flight.
  const key = (forced: boolean, ttl: number) => `${connectorId}:${purpose}:${forced ? "force" : "fresh"}:${ctx.manual ? "user" : "auto"}:${ttl}`;
  // A caller that does not insist on renewal is happy with any forced flight already under way.
  const running = force ? undefined : runningFlight<FreshTokenResult>(db, key(true, 0));
  return running ?? singleFlight(db, key(force, minTtlMs), () => runFlight(ctx));
}

/** Only an admin's Get token may run for a connector that is not enabled (it connects it again). */
function mayRun(ctx: FlightContext, state: string): boolean {
  return state === CONNECTOR_STATE.enabled || (ctx.purpose === "obtain" && ctx.manual && state === CONNECTOR_STATE.disconnected);
}

const failed = (error: TokenFailure, eventId: string | null = null, shared = false): FreshTokenResult => ({ ok: false, error, shared, eventId });

async function runFlight(ctx: FlightContext): Promise<FreshTokenResult> {
  const { db, connectorId } = ctx;
  const { leaseTtlMs } = lifecycleSettings(ctx.config);
  // Long enough to outwait one crashed owner's lease and one slow vendor call.
  const deadline = ctx.askedAt.getTime() + 2 * leaseTtlMs + 15_000;
  let recorded: string | null = null;
  for (;;) {
    const row = await tokenRow(db, connectorId);
    if (!row) {
      const outcome = await withoutStoredToken(ctx);
      if (outcome) return outcome;
      continue;
    }
    if (!mayRun(ctx, row.connector.state)) return failed(lifecycleFailure("disconnected"));
    const query = { askedAt: ctx.askedAt, force: ctx.force, manual: ctx.manual, minTtlMs: ctx.minTtlMs };
    const decision = decide(freshnessOf(row), { ...query, now: new Date() });
    if (decision.kind !== "refresh") return settle(ctx, row, decision, recorded);
    if (Date.now() > deadline) return failed(busyFailure());

    const lease = await tryAcquireLease(db, connectorId, leaseTtlMs);
    if (!lease) {
      // Another instance is renewing (or died doing so): a caller that only needs a valid token
      // takes the stored one now rather than wait up to a lease's length for the renewal.
      const stored = ctx.force ? null : storedTokenResult(ctx, row);
      if (stored) return stored;
      await waitForLease(db, connectorId, deadline);
      continue;
    }
    try {
      // Decide again on what is stored now: the previous owner may have finished just before we took over.
      const current = await tokenRow(db, connectorId);
      if (!current) continue;
      if (!mayRun(ctx, current.connector.state)) return failed(lifecycleFailure("disconnected"));
      const again = decide(freshnessOf(current), { ...query, now: new Date() });
      if (again.kind !== "refresh") return await settle(ctx, current, again, recorded);
      const outcome = await attemptUnderLease(ctx, current, lease);
      if (outcome.kind === "done") return outcome.result;
      recorded = outcome.eventId ?? recorded;
    } finally {
      await releaseLease(db, lease);
    }
  }
}

/** The answer when no vendor call is made: the stored token, a shared result, or why there is none. */
async function settle(ctx: FlightContext, row: TokenRow, decision: Exclude<Decision, { kind: "refresh" }>, recorded: string | null): Promise<FreshTokenResult> {
  const { db, connectorId } = ctx;
  const stored = storedTokenResult(ctx, row);
  switch (decision.kind) {
    case "use":
      return stored ?? failed(lifecycleFailure("not_authorized"));
    case "shared": {
      if (decision.succeeded && stored) {
        // Only explicit requests are worth a history line; a worker sharing a refresh is routine.
        const eventId =
          recorded ??
          (ctx.force
            ? await recordEvent(db, ctx.actor, {
                connectorId,
                type: "token.refresh_shared",
                detail: { reason: "another caller's refresh finished after this request" },
              })
            : null);
        return { ...stored, shared: true, eventId };
      }
      const failure = storedFailure(row.lastErrorCode, row.lastErrorText);
      // A caller that only wanted a valid token gets the stored one: the renewal is retried with backoff.
      if (stored && !ctx.force) return { ...stored, shared: true, renewalFailure: failure };
      const event = await db.event.findFirst({
        where: { connectorId, outcome: "failure", type: { in: ["token.refreshed_failed", "token.obtained_failed"] } },
        orderBy: { createdAt: "desc" },
        select: { id: true },
      });
      return failed(failure, event?.id ?? null, true);
    }
    case "unavailable": {
      if (decision.reason === "no_refresh_token" || decision.reason === "refresh_token_expired") return failed(lifecycleFailure(decision.reason));
      const retryAfter = decision.reason === "backoff" && row.nextAttemptAt ? Math.ceil((row.nextAttemptAt.getTime() - Date.now()) / 1000) : null;
      return failed(storedFailure(row.lastErrorCode ?? (decision.reason === "needs_reauth" ? "invalid_grant" : null), row.lastErrorText, retryAfter));
    }
  }
}

/**
 * No token row yet. An authorization-code connector needs an admin to authorize it; a client
 * credentials one gets its (empty) row first, so its first vendor call runs under the lease and
 * a failure is stored with its backoff like any other. Returns null when the flight should
 * read the row again.
 */
async function withoutStoredToken(ctx: FlightContext): Promise<FreshTokenResult | null> {
  const { db, connectorId } = ctx;
  const connector = await db.connector.findUnique({ where: { id: connectorId }, select: { grantType: true, state: true } });
  if (!connector) throw new DomainError("NOT_FOUND", "This connector no longer exists.");
  if (!mayRun(ctx, connector.state)) return failed(lifecycleFailure("disconnected"));
  if (!obtainsWithoutBrowser(connector.grantType)) return failed(lifecycleFailure("not_authorized"));
  const manualObtain = ctx.purpose === "obtain" && ctx.manual;
  const created = await ensureAttemptRow(db, connectorId, manualObtain ? null : CONNECTOR_STATE.enabled);
  return created ? null : failed(lifecycleFailure("disconnected"));
}

/** For callers that need a domain error instead of a failure value (the console's actions). */
export function requireStoredToken(result: FreshTokenResult): void {
  if (!result.ok && ["not_authorized", "no_refresh_token", "disconnected"].includes(result.error.code))
    throw new DomainError("INVALID_STATE", result.error.message);
}
