/**
 * What a caller of ensureFreshToken gets, decided from the stored row alone. Pure: time is an
 * argument. Evaluated when a caller arrives and again under the lease, so a refresh that another
 * process completed meanwhile is shared instead of repeated.
 *
 * "After I asked": each caller notes when it asked (`askedAt`). When the row says a vendor call
 * finished at or after that moment (`lastAttemptAt`), the caller takes that call's result, success
 * or failure, even when it asked for a forced refresh: that is how 200 concurrent "refresh now"
 * triggers end in one vendor call, and how a worker that saw a 401 gets the token minted after it.
 *
 * Automatic callers (sync workers, the refresher) never cause more vendor calls than the stored
 * backoff allows, and a forced renewal they ask for (a vendor 401, POST …/token/refresh) shares
 * any vendor call made in the last FORCED_RENEWAL_INTERVAL_MS: whatever the workers do, a
 * failing connector's vendor sees the backoff schedule and nothing more.
 */
import { STORED_STATUS } from "./status";

/** Automatic forced renewals of one connector: at most one vendor call per this interval. */
export const FORCED_RENEWAL_INTERVAL_MS = 10_000;

export interface FreshnessInput {
  status: string;
  /** False while a client-credentials connector has never obtained a token (the row only records attempts). */
  hasAccessToken: boolean;
  expiresAt: Date | null;
  refreshDueAt: Date | null;
  /** Renew by then to keep an idle-expiring refresh token alive. */
  keepAliveAt: Date | null;
  /** The refresh token stops working then (absolute lifetime); null when unknown. */
  refreshTokenExpiresAt: Date | null;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastRefreshedAt: Date | null;
  hasRefreshToken: boolean;
  /** Client Credentials connectors renew by running their grant again. */
  clientCredentials: boolean;
}

export interface FreshnessQuery {
  now: Date;
  askedAt: Date;
  /** Renew even when the token looks fresh (Refresh now, a vendor 401, a worker's refresh request). */
  force: boolean;
  /**
   * A person asked (Refresh now, Get token): retry even when the connector needs
   * re-authorization or is backing off. Automatic callers respect both.
   */
  manual: boolean;
  /** Renew first when the token expires sooner than this (a worker's `min_ttl`). */
  minTtlMs?: number;
}

export type UnavailableReason = "needs_reauth" | "backoff" | "no_refresh_token" | "refresh_token_expired";

export type Decision = { kind: "use" } | { kind: "shared"; succeeded: boolean } | { kind: "refresh" } | { kind: "unavailable"; reason: UnavailableReason };

export function decide(token: FreshnessInput, { now, askedAt, force, manual, minTtlMs = 0 }: FreshnessQuery): Decision {
  const lastCallSucceeded = Boolean(token.lastRefreshedAt && token.lastAttemptAt && token.lastRefreshedAt >= token.lastAttemptAt);
  const sharedResult: Decision = { kind: "shared", succeeded: lastCallSucceeded };
  if ((token.lastAttemptAt && token.lastAttemptAt >= askedAt) || (force && !manual && recentlyCalled(token, now))) return sharedResult;

  const expired = !token.hasAccessToken || (token.expiresAt !== null && token.expiresAt <= now);
  const scheduled = expired || reached(token.refreshDueAt, now) || reached(token.keepAliveAt, now);
  const shortOfMinTtl = minTtlMs > 0 && token.expiresAt !== null && token.expiresAt.getTime() - now.getTime() < minTtlMs;
  // A min_ttl larger than the vendor's token lifetime is never satisfied: like a forced renewal, it
  // shares the last 10 seconds' vendor call instead of renewing on every request.
  if (shortOfMinTtl && !scheduled && !manual && recentlyCalled(token, now)) return lastCallSucceeded ? { kind: "use" } : sharedResult;
  const due = scheduled || shortOfMinTtl;
  // The refresh token is the way to renew unless the grant can simply run again.
  const refreshTokenUsable = token.hasRefreshToken && !reached(token.refreshTokenExpiresAt, now);
  const canRenew = refreshTokenUsable || token.clientCredentials;
  // A still-valid access token stays usable while renewal is impossible or paused.
  const usableElse = (reason: UnavailableReason): Decision => (expired || force ? { kind: "unavailable", reason } : { kind: "use" });

  if (!manual) {
    if (token.status === STORED_STATUS.needsReauth) return usableElse("needs_reauth");
    if (token.nextAttemptAt && token.nextAttemptAt > now && (due || force)) return usableElse("backoff");
  }
  if (!force && !due) return { kind: "use" };
  if (!canRenew) return usableElse(token.hasRefreshToken ? "refresh_token_expired" : "no_refresh_token");
  return { kind: "refresh" };
}

function reached(at: Date | null, now: Date): boolean {
  return at !== null && at <= now;
}

function recentlyCalled(token: FreshnessInput, now: Date): boolean {
  return token.lastAttemptAt !== null && now.getTime() - token.lastAttemptAt.getTime() < FORCED_RENEWAL_INTERVAL_MS;
}
