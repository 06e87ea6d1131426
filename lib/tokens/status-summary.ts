/**
 * The status view (status.ts) as a plain DTO for pages and JSON: strings instead of dates, no
 * ciphertext. `statusRowSelect` is the token columns every page selects to compute it, so the
 * dashboard, the connectors list and the connector page read the same facts.
 */
import type { FailureClass } from "../oauth";
import type { StatusView, TokenStatus } from "./status";

export const statusRowSelect = {
  status: true,
  expiresAt: true,
  refreshDueAt: true,
  // Only whether it is null is used (tokenStatus); it never leaves the server.
  accessTokenEnc: true,
  refreshTokenExpiresAt: true,
  lastErrorCode: true,
  lastErrorDetail: true,
  nextAttemptAt: true,
} as const;

export interface StatusSummary {
  status: TokenStatus;
  /** The last attempt's failure class and short redacted reason, while the last attempt failed. */
  failure: { class: FailureClass; code: string; reason: string; retryAt: string | null } | null;
  /** ISO 8601: when the refresh token stops working for good, when known. */
  reauthorizationDueAt: string | null;
}

export function toStatusSummary(view: StatusView): StatusSummary {
  return {
    status: view.status,
    failure: view.failure ? { ...view.failure, retryAt: view.failure.retryAt?.toISOString() ?? null } : null,
    reauthorizationDueAt: view.reauthorizationDueAt?.toISOString() ?? null,
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * Shown from this many days before the refresh token's expiry. A vendor's rolling lifetime is
 * renewed by keep-alive refreshes long before it gets this close (token-store.ts, keepAliveAt).
 */
export const REAUTHORIZATION_NOTICE_DAYS = 30;

/** "Re-authorization due in 8 days", when the refresh token's expiry is ahead and near; null otherwise. */
export function reauthorizationDueText(dueAt: string | Date | null, now: Date): string | null {
  if (!dueAt) return null;
  const left = new Date(dueAt).getTime() - now.getTime();
  if (left <= 0 || left > REAUTHORIZATION_NOTICE_DAYS * DAY_MS) return null;
  const days = Math.ceil(left / DAY_MS);
  return `Re-authorization due in ${days} day${days === 1 ? "" : "s"}`;
}
