import type { OAuthError } from "../oauth";
import { STORED_STATUS } from "./status";
import type { TokenErrorCode, TokenFailure } from "./token-failure";

/** Stored token status after a failed attempt, and what the admin should do about it. */
export function statusAfterFailure(error: OAuthError): "needs_reauth" | "refresh_failing" | "error" {
  if (error.code === "invalid_grant" || error.code === "invalid_client" || error.code === "unauthorized_client") return "needs_reauth";
  if (error.retryable) return "refresh_failing";
  return "error";
}

/**
 * The stored status after a failed attempt, given the status before it. Only a success clears
 * "needs re-authorization" (an admin's retry that meets a vendor outage must not turn it into
 * "refresh failing", which the background refresher would retry), and a configuration error
 * ("error") does not mask "refresh failing": the dashboard and the alerts keep saying what is
 * wrong until a refresh succeeds. An interrupted rotation always needs re-authorization.
 */
export function storedStatusAfterFailure(previous: string | null, failure: TokenFailure): string {
  if (failure.code === "interrupted_rotation" || previous === STORED_STATUS.needsReauth) return STORED_STATUS.needsReauth;
  const next = statusAfterFailure(failure as OAuthError);
  return next === "error" && previous === STORED_STATUS.refreshFailing ? previous : next;
}

const ADVICE: Partial<Record<TokenErrorCode, string>> = {
  interrupted_rotation:
    "Re-authorize: a refresh was interrupted (the process stopped) after the vendor had already rotated the refresh token, so the stored one is no longer valid.",
  not_authorized: "Authorize the connector (or use Get token) first.",
  no_refresh_token: "Re-authorize: no refresh token is held. Vendors often need an extra auth-request parameter or scope to issue one.",
  invalid_grant: "Re-authorize: the vendor rejected the authorization code or refresh token (expired, revoked or already used).",
  invalid_client: "Check the Client ID, Client Secret and Client Authentication: the vendor did not accept the client credentials.",
  unauthorized_client: "Enable this grant type for the app in the vendor's console.",
  invalid_scope: "Check the Scope values: the vendor refused at least one of them.",
  access_denied: "The authorization was declined at the vendor. Authorize again and approve the request.",
  server_error: "The vendor had a server error. Try again later.",
  temporarily_unavailable: "The vendor is busy or rate-limiting. Try again later.",
  network: "Latchkey could not reach the vendor. Check the URL and the network.",
  timeout: "The vendor did not answer in time. Try again later.",
  malformed_response: "The vendor answered with something that is not a token response. Check the Access Token URL.",
  blocked_address: "The vendor URL points at an address Latchkey refuses to call (loopback, private or link-local).",
};

export function adviceFor(code: string | null | undefined): string | null {
  return code ? (ADVICE[code as TokenErrorCode] ?? "Check the connector's settings and try again.") : null;
}
