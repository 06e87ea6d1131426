/**
 * A failed attempt to get a usable token: either the vendor's classified answer (OAuthError) or
 * a lifecycle condition found without calling the vendor. Same shape as OAuthError, so banners,
 * events and advice treat both alike; never carries a secret.
 */
import { RETRYABLE, type OAuthError, type OAuthErrorCode } from "../oauth";

export type LifecycleErrorCode = "interrupted_rotation" | "not_authorized" | "no_refresh_token";
export type TokenErrorCode = OAuthErrorCode | LifecycleErrorCode;

export interface TokenFailure extends Omit<OAuthError, "code"> {
  code: TokenErrorCode;
}

export const INTERRUPTED_ROTATION_MESSAGE = "A refresh was interrupted after the vendor had already rotated the refresh token; re-authorize.";

const LIFECYCLE_MESSAGES: Record<LifecycleErrorCode, string> = {
  interrupted_rotation: INTERRUPTED_ROTATION_MESSAGE,
  not_authorized: "This connector has no token yet: authorize it (or use Get token) first.",
  no_refresh_token: "No refresh token is held and the token cannot be renewed: re-authorize the connector.",
};

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
