/**
 * What a caller of ensureFreshToken gets, decided from the stored row alone. Pure: time is an
 * argument. Evaluated when a caller arrives and again under the lease, so a refresh that another
 * process completed meanwhile is shared instead of repeated.
 *
 * "After I asked": each caller notes when it asked (`askedAt`). When the row says a vendor call
 * finished at or after that moment (`lastAttemptAt`), the caller takes that call's result, success
 * or failure, even when it asked for a forced refresh: that is how 200 concurrent "refresh now"
 * triggers end in one vendor call, and how a worker that saw a 401 gets the token minted after it.
 */
import { STORED_STATUS } from "./status";

export interface FreshnessInput {
  status: string;
  expiresAt: Date | null;
  refreshDueAt: Date | null;
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
  /** Renew even when the token looks fresh (Refresh now, a vendor 401). */
  force: boolean;
  /**
   * A person asked (Refresh now): retry even when the connector needs re-authorization or is
   * backing off. Automatic callers (the refresher, sync workers) respect both.
   */
  manual: boolean;
}

export type Decision =
  | { kind: "use" }
  | { kind: "shared"; succeeded: boolean }
  | { kind: "refresh" }
  | { kind: "unavailable"; reason: "needs_reauth" | "backoff" | "no_refresh_token" };

export function decide(token: FreshnessInput, { now, askedAt, force, manual }: FreshnessQuery): Decision {
  if (token.lastAttemptAt && token.lastAttemptAt >= askedAt) {
    return { kind: "shared", succeeded: Boolean(token.lastRefreshedAt && token.lastRefreshedAt >= askedAt) };
  }
  const expired = token.expiresAt !== null && token.expiresAt <= now;
  const due = expired || (token.refreshDueAt !== null && token.refreshDueAt <= now);
  const canRenew = token.hasRefreshToken || token.clientCredentials;
  // A still-valid access token stays usable while renewal is impossible or paused.
  const usableElse = (reason: "needs_reauth" | "backoff" | "no_refresh_token"): Decision => (expired || force ? { kind: "unavailable", reason } : { kind: "use" });

  if (!manual) {
    if (token.status === STORED_STATUS.needsReauth) return usableElse("needs_reauth");
    if (token.nextAttemptAt && token.nextAttemptAt > now && (due || force)) return usableElse("backoff");
  }
  if (!force && !due) return { kind: "use" };
  if (!canRenew) return usableElse("no_refresh_token");
  return { kind: "refresh" };
}
