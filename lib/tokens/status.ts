/**
 * Token status, computed in one place and used everywhere (dashboard, connector page,
 * refresher, alerts). Pure: time is an argument.
 *
 * The stored `status` column only records what the refresher learned (active, refresh failing,
 * needs re-authorization); whether a token is expiring or expired follows from the clock.
 */
export const TOKEN_STATUSES = ["not_authorized", "active", "expiring_soon", "expired", "refresh_failing", "needs_reauth", "no_known_expiry"] as const;
export type TokenStatus = (typeof TOKEN_STATUSES)[number];

export const TOKEN_STATUS_LABELS: Record<TokenStatus, string> = {
  not_authorized: "Not authorized",
  active: "Active",
  expiring_soon: "Expiring soon",
  expired: "Expired",
  refresh_failing: "Refresh failing",
  needs_reauth: "Needs re-authorization",
  no_known_expiry: "No known expiry",
};

/** Stored `Token.status` values (what the refresher learned). */
export const STORED_STATUS = { active: "active", refreshFailing: "refresh_failing", needsReauth: "needs_reauth" } as const;

export interface TokenStatusInput {
  status: string;
  expiresAt: Date | null;
  refreshDueAt: Date | null;
}

export function tokenStatus(token: TokenStatusInput | null, now: Date): TokenStatus {
  if (!token) return "not_authorized";
  if (token.status === STORED_STATUS.needsReauth) return "needs_reauth";
  if (token.status === STORED_STATUS.refreshFailing) return "refresh_failing";
  if (!token.expiresAt) return "no_known_expiry";
  if (token.expiresAt <= now) return "expired";
  if (token.refreshDueAt && token.refreshDueAt <= now) return "expiring_soon";
  return "active";
}

export const DEFAULT_MIN_LEAD_MS = 5 * 60 * 1000;
const LEAD_FRACTION = 0.1;

/**
 * When to renew a token: the larger of the minimum lead (default 5 minutes) and 10% of its
 * lifetime before it expires. Null when the expiry is unknown (such tokens are renewed on 401).
 */
export function refreshDueAt(expiresAt: Date | null, issuedAt: Date, minLeadMs = DEFAULT_MIN_LEAD_MS): Date | null {
  if (!expiresAt) return null;
  const lifetime = Math.max(0, expiresAt.getTime() - issuedAt.getTime());
  return new Date(expiresAt.getTime() - Math.max(minLeadMs, lifetime * LEAD_FRACTION));
}
