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
 */
import type { Config } from "../env";
import type { Db } from "../db";
import { DomainError } from "../errors";
import { recordEvent, SYSTEM_ACTOR, type Actor } from "../events";
import { newId } from "../ids";
import { requestToken } from "../oauth";
import { loadOAuthClient } from "../connectors/oauth-client";
import { runningFlight, singleFlight } from "./coalesce";
import { failureEvent } from "./failure-event";
import { lifecycleSettings, type FlightContext, type FlightPurpose, type FreshTokenResult } from "./flight";
import { decide, type Decision, type FreshnessInput } from "./freshness";
import { releaseLease, tryAcquireLease, waitForLease } from "./lease";
import { attemptUnderLease, eventTypeOf } from "./refresh-attempt";
import { busyFailure, lifecycleFailure, storedFailure } from "./token-failure";
import { openToken, storeTokenSet, type TokenRow } from "./token-store";
import { vendorTransport } from "./transport";

export type { FreshToken, FreshTokenFailure, FreshTokenResult } from "./flight";

export interface EnsureOptions {
  /** Renew even if the token looks fresh, unless a renewal finished after this call began. */
  force?: boolean;
  /** Recorded on events; defaults to "system". A user actor (Refresh now) also retries connectors that need re-authorization or are backing off. */
  actor?: Actor;
  /** Uniform random source for backoff jitter (tests). */
  random?: () => number;
}

export function ensureFreshToken(db: Db, config: Config, connectorId: string, options: EnsureOptions = {}): Promise<FreshTokenResult> {
  return startFlight(db, config, connectorId, "refresh", options);
}

/** Shared by ensureFreshToken and Get token (purpose "obtain": always the client credentials grant). */
export function startFlight(db: Db, config: Config, connectorId: string, purpose: FlightPurpose, options: EnsureOptions): Promise<FreshTokenResult> {
  const actor = options.actor ?? SYSTEM_ACTOR;
  const force = purpose === "obtain" || Boolean(options.force);
  const ctx: FlightContext = { db, config, connectorId, purpose, force, manual: actor.userId !== null, actor, askedAt: new Date(), random: options.random ?? Math.random };
  const key = (forced: boolean) => `${connectorId}:${purpose}:${forced ? "force" : "fresh"}:${ctx.manual ? "user" : "auto"}`;
  // A caller that does not insist on renewal is happy with any flight already under way.
  const running = force ? undefined : runningFlight<FreshTokenResult>(db, key(true));
  return running ?? singleFlight(db, key(force), () => runFlight(ctx));
}

const tokenRow = (db: Db, connectorId: string) => db.token.findUnique({ where: { connectorId }, include: { connector: { select: { grantType: true } } } });

function freshnessOf(row: NonNullable<Awaited<ReturnType<typeof tokenRow>>>): FreshnessInput {
  return { ...row, hasRefreshToken: row.refreshTokenEnc !== null, clientCredentials: row.connector.grantType === "client_credentials" };
}

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
    const query = { askedAt: ctx.askedAt, force: ctx.force, manual: ctx.manual };
    const decision = decide(freshnessOf(row), { ...query, now: new Date() });
    if (decision.kind !== "refresh") return settle(ctx, row, decision, recorded);
    if (Date.now() > deadline) return { ok: false, error: busyFailure(), shared: false, eventId: null };

    const lease = await tryAcquireLease(db, connectorId, leaseTtlMs);
    if (!lease) {
      await waitForLease(db, connectorId, deadline);
      continue;
    }
    try {
      // Decide again on what is stored now: the previous owner may have finished just before we took over.
      const current = await tokenRow(db, connectorId);
      if (!current) continue;
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
  const usable = () => {
    const stored = openToken(ctx.config.keyRing, row);
    return { ok: true as const, accessToken: stored.accessToken, tokenType: stored.tokenType, expiresAt: stored.expiresAt, version: stored.version, refreshed: false, refreshTokenRotated: false };
  };
  switch (decision.kind) {
    case "use":
      return { ...usable(), shared: false, eventId: null };
    case "shared": {
      if (decision.succeeded) {
        // Only explicit requests are worth a history line; a worker sharing a refresh is routine.
        const eventId =
          recorded ?? (ctx.force ? await recordEvent(db, ctx.actor, { connectorId, type: "token.refresh_shared", detail: { reason: "another caller's refresh finished after this request" } }) : null);
        return { ...usable(), shared: true, eventId };
      }
      const failed = await db.event.findFirst({
        where: { connectorId, outcome: "failure", type: { in: ["token.refreshed_failed", "token.obtained_failed"] } },
        orderBy: { createdAt: "desc" },
        select: { id: true },
      });
      return { ok: false, error: storedFailure(row.lastErrorCode, row.lastErrorText), shared: true, eventId: failed?.id ?? null };
    }
    case "unavailable": {
      if (decision.reason === "no_refresh_token") return { ok: false, error: lifecycleFailure("no_refresh_token"), shared: false, eventId: null };
      const retryAfter = decision.reason === "backoff" && row.nextAttemptAt ? Math.ceil((row.nextAttemptAt.getTime() - Date.now()) / 1000) : null;
      return { ok: false, error: storedFailure(row.lastErrorCode ?? (decision.reason === "needs_reauth" ? "invalid_grant" : null), row.lastErrorText, retryAfter), shared: false, eventId: null };
    }
  }
}

/**
 * No token row yet, so no lease to take: a Client Credentials connector runs its grant and
 * creates the row. If another instance created it meanwhile (unique connectorId), returns null
 * so the flight re-reads and shares that result.
 */
async function withoutStoredToken(ctx: FlightContext): Promise<FreshTokenResult | null> {
  const { db, config, connectorId, actor } = ctx;
  const client = await loadOAuthClient(db, config.keyRing, connectorId);
  if (client.config.grantType !== "client_credentials") return { ok: false, error: lifecycleFailure("not_authorized"), shared: false, eventId: null };
  const result = await requestToken(client.config, { type: "client_credentials" }, vendorTransport(config));
  if (!result.ok) {
    const eventId = await recordEvent(db, actor, failureEvent(connectorId, `${eventTypeOf(ctx)}_failed`, result.error));
    return { ok: false, error: result.error, shared: false, eventId };
  }
  const eventId = newId();
  try {
    const written = await db.$transaction(async (tx) => {
      const stored = await storeTokenSet(tx, config.keyRing, connectorId, result.token, { minLeadMs: lifecycleSettings(config).refreshLeadMs });
      await recordEvent(tx, actor, { id: eventId, connectorId, type: eventTypeOf(ctx), detail: { grant: "client_credentials", refreshTokenReturned: Boolean(result.token.refreshToken), expiresAt: result.token.expiresAt, scopes: result.token.scopes } });
      return stored;
    });
    const { accessToken, tokenType, expiresAt } = result.token;
    return { ok: true, accessToken, tokenType, expiresAt, version: written.version, refreshed: true, shared: false, refreshTokenRotated: false, eventId };
  } catch (error) {
    if ((error as { code?: unknown }).code === "P2002") return null;
    throw error;
  }
}

/** For callers that need a domain error instead of a failure value (the console's actions). */
export function requireStoredToken(result: FreshTokenResult): void {
  if (!result.ok && (result.error.code === "not_authorized" || result.error.code === "no_refresh_token")) throw new DomainError("INVALID_STATE", result.error.message);
}
