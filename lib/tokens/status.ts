/**
 * Connector status, computed in one place and used everywhere: the dashboard, the connectors
 * list, the connector page, the refresher, alerts and the machine API. Pure: time is an
 * argument. status-filter.ts is its SQL twin; test/tokens/status.test.ts checks they agree.
 *
 * Inputs are what is stored: the connector's state (an admin disconnected it), and on its token
 * row what the last vendor calls taught (`status`, the last error) and the clock facts (access
 * and refresh token expiry). Whether a token is expiring or expired follows from the clock.
 * Precedence, first match wins:
 *
 *   connector disconnected (or being deleted)              → Disconnected
 *   no token row                                           → Not authorized
 *   stored needs_reauth, or the refresh token has expired  → Needs re-authorization
 *   stored check_client                                    → Check client credentials
 *   stored refresh_failing                                 → Refresh failing
 *   no access token held yet (only failed first attempts)  → Not authorized
 *   no expiry known                                        → No known expiry
 *   expired / renewal due / otherwise                      → Expired / Expiring soon / Active
 */
import type { FailureClass } from "../oauth";
import { failureClassOfCode, shortReason } from "./token-failure";

export const TOKEN_STATUSES = [
  "not_authorized",
  "active",
  "expiring_soon",
  "expired",
  "refresh_failing",
  "check_client",
  "needs_reauth",
  "disconnected",
  "no_known_expiry",
] as const;
export type TokenStatus = (typeof TOKEN_STATUSES)[number];

export const TOKEN_STATUS_LABELS: Record<TokenStatus, string> = {
  not_authorized: "Not authorized",
  active: "Active",
  expiring_soon: "Expiring soon",
  expired: "Expired",
  refresh_failing: "Refresh failing",
  check_client: "Check client credentials",
  needs_reauth: "Needs re-authorization",
  disconnected: "Disconnected",
  no_known_expiry: "No known expiry",
};

/** Stored `Token.status` values: what the last vendor calls taught (lib/tokens/failure-status.ts). */
export const STORED_STATUS = { active: "active", refreshFailing: "refresh_failing", checkClient: "check_client", needsReauth: "needs_reauth" } as const;
/** The stored statuses that say something is wrong, most severe first. */
export const FAILING_STORED_STATUSES: readonly string[] = [STORED_STATUS.needsReauth, STORED_STATUS.checkClient, STORED_STATUS.refreshFailing];

/** `Connector.state` values. Only "enabled" connectors get tokens obtained or renewed automatically. */
export const CONNECTOR_STATE = { enabled: "enabled", disconnected: "disconnected", deleting: "deleting" } as const;

export interface TokenStatusInput {
  status: string;
  expiresAt: Date | null;
  refreshDueAt: Date | null;
  /** Only whether it is null matters: null while no token was ever obtained (failed first attempts). */
  accessTokenEnc?: string | null;
  refreshTokenExpiresAt?: Date | null;
}

export interface ConnectorStatusInput {
  /** Connector.state; "enabled" when omitted. */
  state?: string;
  token: TokenStatusInput | null;
}

function refreshTokenExpired(token: TokenStatusInput, now: Date): boolean {
  return token.refreshTokenExpiresAt != null && token.refreshTokenExpiresAt <= now;
}

export function tokenStatus({ state = CONNECTOR_STATE.enabled, token }: ConnectorStatusInput, now: Date): TokenStatus {
  if (state !== CONNECTOR_STATE.enabled) return "disconnected";
  if (!token) return "not_authorized";
  if (token.status === STORED_STATUS.needsReauth || refreshTokenExpired(token, now)) return "needs_reauth";
  if (token.status === STORED_STATUS.checkClient) return "check_client";
  if (token.status === STORED_STATUS.refreshFailing) return "refresh_failing";
  if (token.accessTokenEnc === null) return "not_authorized";
  if (!token.expiresAt) return "no_known_expiry";
  if (token.expiresAt <= now) return "expired";
  if (token.refreshDueAt && token.refreshDueAt <= now) return "expiring_soon";
  return "active";
}

/** The last failed attempt, shown beside the status: its class and a short redacted reason. */
export interface FailureView {
  class: FailureClass;
  code: string;
  reason: string;
  /** When the next automatic attempt may run; null when none will (re-authorization needed). */
  retryAt: Date | null;
}

export interface StatusView {
  status: TokenStatus;
  failure: FailureView | null;
  /** When the refresh token stops working for good, when known: re-authorization is due then. */
  reauthorizationDueAt: Date | null;
}

export interface StatusViewInput extends ConnectorStatusInput {
  token: (TokenStatusInput & { lastErrorCode: string | null; lastErrorDetail?: string | null; nextAttemptAt: Date | null }) | null;
}

/** The status with what explains it. A failure shows while the last attempt failed (a success clears it). */
export function statusView(input: StatusViewInput, now: Date): StatusView {
  const status = tokenStatus(input, now);
  const token = input.token;
  if (!token || status === "disconnected") return { status, failure: null, reauthorizationDueAt: null };
  const code = token.lastErrorCode ?? (status === "needs_reauth" && refreshTokenExpired(token, now) ? "refresh_token_expired" : null);
  const failure: FailureView | null = code
    ? {
        class: failureClassOfCode(code),
        code,
        reason: shortReason(code, token.lastErrorDetail ?? null),
        retryAt: status === "needs_reauth" ? null : token.nextAttemptAt,
      }
    : null;
  return { status, failure, reauthorizationDueAt: token.refreshTokenExpiresAt ?? null };
}

export const DEFAULT_MIN_LEAD_MS = 5 * 60 * 1000;
const LEAD_FRACTION = 0.1;
const MAX_LEAD_FRACTION = 0.5;

/**
 * When to renew a token: the configured lead (default 5 minutes) or 10% of its lifetime,
 * whichever is larger, but never more than half its lifetime, so a short-lived token (a 120 s
 * Keycloak token renews at about 60 s) is not due the moment it is stored. Null when the expiry
 * is unknown (such tokens are renewed on a vendor 401 or a worker's refresh request).
 */
export function refreshDueAt(expiresAt: Date | null, issuedAt: Date, minLeadMs = DEFAULT_MIN_LEAD_MS): Date | null {
  if (!expiresAt) return null;
  const lifetime = Math.max(0, expiresAt.getTime() - issuedAt.getTime());
  const lead = Math.min(Math.max(minLeadMs, lifetime * LEAD_FRACTION), lifetime * MAX_LEAD_FRACTION);
  return new Date(expiresAt.getTime() - lead);
}
