/**
 * Maps why no usable token could be had (lib/tokens TokenFailure) onto the machine API's errors.
 */
import { ApiError } from "../api-keys/api-error";
import type { TokenFailure } from "../tokens/token-failure";

/** Failures only an admin can fix by authorizing the connector again. */
const NEEDS_REAUTHORIZATION = new Set(["invalid_grant", "invalid_client", "unauthorized_client", "interrupted_rotation", "no_refresh_token"]);

export function tokenFailureError(failure: TokenFailure): ApiError {
  if (failure.code === "not_authorized") return new ApiError("not_authorized", "This connector has no token yet: an admin must authorize it first.");
  if (NEEDS_REAUTHORIZATION.has(failure.code)) {
    return new ApiError("needs_reauthorization", "The vendor no longer accepts this connector's credentials: an admin must authorize it again.", { oauth_error: failure.code });
  }
  const headers: Record<string, string> = failure.retryAfterSeconds && failure.retryAfterSeconds > 0 ? { "retry-after": String(failure.retryAfterSeconds) } : {};
  return new ApiError("upstream_refused", "The token could not be renewed at the vendor right now. Try again later.", { oauth_error: failure.code }, headers);
}
