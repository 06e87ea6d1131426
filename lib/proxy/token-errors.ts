/**
 * Maps why no usable token could be had (lib/tokens TokenFailure) onto the machine API's errors,
 * by the failure's class (lib/oauth FAILURE_CLASSES) so a worker sees the same truth as the
 * dashboard: 409 for states only an admin can end, 502 for a vendor that failed to renew.
 */
import { ApiError } from "../machine-api/api-error";
import { TOKEN_STATUS_LABELS } from "../tokens/status";
import { failureClassOfCode, type TokenFailure } from "../tokens/token-failure";

export function tokenFailureError(failure: TokenFailure): ApiError {
  if (failure.code === "not_authorized")
    return new ApiError("not_authorized", "This connector has no token yet: an admin must authorize it first.", { status: TOKEN_STATUS_LABELS.not_authorized });
  if (failure.code === "disconnected") {
    return new ApiError("disconnected", "An admin disconnected this connector: no token is issued until an admin clicks Authorize or Get token.", {
      status: TOKEN_STATUS_LABELS.disconnected,
    });
  }
  const failureClass = failureClassOfCode(failure.code);
  if (failureClass === "needs_reauth") {
    return new ApiError("needs_reauthorization", "The vendor no longer accepts this connector's grant: an admin must authorize it again.", {
      oauth_error: failure.code,
      status: TOKEN_STATUS_LABELS.needs_reauth,
    });
  }
  if (failureClass === "check_client") {
    return new ApiError(
      "check_client_credentials",
      "The vendor refused the connector's client credentials: an admin must check the Client ID, Client Secret and Client Authentication.",
      {
        oauth_error: failure.code,
        status: TOKEN_STATUS_LABELS.check_client,
      },
    );
  }
  const headers: Record<string, string> =
    failure.retryAfterSeconds && failure.retryAfterSeconds > 0 ? { "retry-after": String(failure.retryAfterSeconds) } : {};
  return new ApiError("upstream_refused", "The token could not be renewed at the vendor right now. Try again later.", { oauth_error: failure.code }, headers);
}
