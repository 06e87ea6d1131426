/**
 * A failed attempt to get a usable token: either the vendor's classified answer (OAuthError) or
 * a lifecycle condition found without calling the vendor. Same shape as OAuthError, so banners,
 * events and advice treat both alike; never carries a secret.
 */
// Not the "../oauth" barrel: the status labels reach client components through here, and the
// barrel's PKCE and signing modules import node:crypto, which bundles a ~140 kB (gzip) polyfill.
import { FAILURE_CLASSES, RETRYABLE, type FailureClass } from "../oauth/error-classification";
import type { OAuthError, OAuthErrorCode } from "../oauth/types";

export type LifecycleErrorCode = "interrupted_rotation" | "not_authorized" | "no_refresh_token" | "refresh_token_expired" | "disconnected";
export type TokenErrorCode = OAuthErrorCode | LifecycleErrorCode;

export interface TokenFailure extends Omit<OAuthError, "code"> {
  code: TokenErrorCode;
}

export const INTERRUPTED_ROTATION_MESSAGE = "A refresh was interrupted after the vendor had already rotated the refresh token; re-authorize.";

const LIFECYCLE_MESSAGES: Record<LifecycleErrorCode, string> = {
  interrupted_rotation: INTERRUPTED_ROTATION_MESSAGE,
  not_authorized: "This connector has no token yet: authorize it (or use Get token) first.",
  no_refresh_token: "No refresh token is held and the token cannot be renewed: re-authorize the connector.",
  refresh_token_expired: "The refresh token has reached the end of its lifetime: re-authorize the connector.",
  disconnected: "An admin disconnected this connector: no token is obtained until an admin clicks Authorize or Get token.",
};

/** Lifecycle conditions that only a new authorization fixes. */
const LIFECYCLE_CLASSES: Record<LifecycleErrorCode, FailureClass> = {
  interrupted_rotation: "needs_reauth",
  not_authorized: "needs_reauth",
  no_refresh_token: "needs_reauth",
  refresh_token_expired: "needs_reauth",
  disconnected: "needs_reauth",
};

/** The failure class of any stored error code (lib/oauth/error-classification.ts for the vendor's). Unknown codes are treated as refresh failing. */
export function failureClassOfCode(code: string): FailureClass {
  if (Object.hasOwn(FAILURE_CLASSES, code)) return FAILURE_CLASSES[code as OAuthErrorCode];
  if (Object.hasOwn(LIFECYCLE_CLASSES, code)) return LIFECYCLE_CLASSES[code as LifecycleErrorCode];
  return "refresh_failing";
}

const SHORT_REASONS: Record<TokenErrorCode, string> = {
  invalid_grant: "Refresh token or code rejected",
  invalid_client: "Client credentials rejected",
  unauthorized_client: "Grant not allowed for this client",
  invalid_scope: "Scope refused",
  invalid_request: "Request refused as invalid",
  unsupported_grant_type: "Grant type not supported",
  access_denied: "Access denied",
  blocked_address: "Vendor URL blocked by policy",
  server_error: "Vendor server error",
  temporarily_unavailable: "Vendor unavailable or rate limiting",
  network: "Vendor unreachable",
  timeout: "Vendor did not answer in time",
  malformed_response: "Not a token response (HTML or unreadable)",
  http_error: "Refused without an OAuth error (proxy or firewall?)",
  interrupted_rotation: "Refresh interrupted after the vendor rotated the token",
  not_authorized: "No token yet",
  no_refresh_token: "No refresh token held",
  refresh_token_expired: "Refresh token expired",
  disconnected: "Disconnected by an admin",
};

/** "Scope refused · HTTP 400 · invalid_scope": fixed text plus the stored, already redacted detail. */
export function shortReason(code: string, detail: string | null): string {
  const label = Object.hasOwn(SHORT_REASONS, code) ? SHORT_REASONS[code as TokenErrorCode] : "Last attempt failed";
  return detail ? `${label} · ${detail}` : label;
}

/** The short redacted detail stored with a failure: HTTP status and the vendor's error code, nothing else. */
export function failureDetail(failure: Pick<TokenFailure, "httpStatus" | "vendorError">): string | null {
  const parts = [failure.httpStatus !== null ? `HTTP ${failure.httpStatus}` : null, failure.vendorError ? failure.vendorError.slice(0, 60) : null].filter(
    Boolean,
  );
  return parts.length ? parts.join(" · ") : null;
}

export function lifecycleFailure(code: LifecycleErrorCode, from?: OAuthError): TokenFailure {
  return {
    code,
    message: LIFECYCLE_MESSAGES[code],
    vendorError: from?.vendorError ?? null,
    description: from?.description ?? null,
    httpStatus: from?.httpStatus ?? null,
    excerpt: from?.excerpt ?? null,
    retryable: false,
    retryAfterSeconds: null,
  };
}

/** The failure another attempt stored on the token row (shared with callers that waited for it). */
export function storedFailure(code: string | null, text: string | null, retryAfterSeconds: number | null = null): TokenFailure {
  // Stored codes are written by this module only: an OAuthErrorCode or a LifecycleErrorCode.
  const known = (code ?? "server_error") as TokenErrorCode;
  return {
    code: known,
    message: text ?? (LIFECYCLE_MESSAGES[known as LifecycleErrorCode] || "The last attempt to renew this token failed."),
    vendorError: null,
    description: null,
    httpStatus: null,
    excerpt: null,
    retryable: RETRYABLE.has(known as OAuthErrorCode),
    retryAfterSeconds,
  };
}

/** A busy lease that never came free before the caller's deadline. */
export function busyFailure(): TokenFailure {
  return {
    code: "temporarily_unavailable",
    message: "Another refresh of this connector is still running; try again shortly.",
    vendorError: null,
    description: null,
    httpStatus: null,
    excerpt: null,
    retryable: true,
    retryAfterSeconds: null,
  };
}
