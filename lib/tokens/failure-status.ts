import { STORED_STATUS } from "./status";
import { failureClassOfCode, type TokenErrorCode, type TokenFailure } from "./token-failure";

/** Transient failures in a row before the connector counts as "refresh failing" (and alerts). */
export const TRANSIENT_FAILURES_BEFORE_FAILING = 3;

/**
 * The stored status after a failed attempt, from the failure's class (lib/oauth
 * error-classification.ts, FAILURE_CLASSES) and the status before it:
 * - needs re-authorization sticks until a success: an admin's retry that meets a vendor outage
 *   must not turn it into something the refresher would retry;
 * - a definite answer (wrong client credentials, a refused request) replaces what was stored;
 * - a transient failure keeps a failing status as it is, and turns a healthy one into "refresh
 *   failing" only after TRANSIENT_FAILURES_BEFORE_FAILING in a row: one 503 is not news.
 */
export function storedStatusAfterFailure(previous: string | null, failure: Pick<TokenFailure, "code">, failureCount: number): string {
  const failureClass = failureClassOfCode(failure.code);
  if (previous === STORED_STATUS.needsReauth || failureClass === "needs_reauth") return STORED_STATUS.needsReauth;
  if (failureClass === "check_client") return STORED_STATUS.checkClient;
  if (failureClass === "refresh_failing") return STORED_STATUS.refreshFailing;
  if (previous === STORED_STATUS.checkClient || previous === STORED_STATUS.refreshFailing) return previous;
  return failureCount >= TRANSIENT_FAILURES_BEFORE_FAILING ? STORED_STATUS.refreshFailing : STORED_STATUS.active;
}

const ADVICE: Partial<Record<TokenErrorCode, string>> = {
  interrupted_rotation:
    "Re-authorize: a refresh was interrupted (the process stopped) after the vendor had already rotated the refresh token, so the stored one is no longer valid.",
  not_authorized: "Authorize the connector (or use Get token) first.",
  no_refresh_token: "Re-authorize: no refresh token is held. Vendors often need an extra auth-request parameter or scope to issue one.",
  refresh_token_expired: "Re-authorize: the refresh token reached the end of its lifetime at the vendor.",
  disconnected: "An admin disconnected this connector. Authorize (or Get token) to connect it again.",
  invalid_grant: "Re-authorize: the vendor rejected the authorization code or refresh token (expired, revoked or already used).",
  invalid_client:
    "Check the Client ID, Client Secret and Client Authentication: the vendor did not accept the client credentials. Re-authorizing does not help.",
  unauthorized_client: "Enable this grant type for the app in the vendor's console.",
  invalid_scope: "Check the Scope values: the vendor refused at least one of them.",
  access_denied: "The authorization was declined at the vendor. Authorize again and approve the request.",
  server_error: "The vendor had a server error. Latchkey retries with backoff.",
  temporarily_unavailable: "The vendor is busy or rate-limiting. Latchkey retries with backoff.",
  network: "Latchkey could not reach the vendor. Check the URL and the network; Latchkey retries with backoff.",
  timeout: "The vendor did not answer in time. Latchkey retries with backoff.",
  malformed_response:
    "The vendor answered with something that is not a token response (often an HTML page from a proxy). Check the Access Token URL; Latchkey retries with backoff.",
  http_error:
    "The vendor (or a firewall in front of it) refused the request without an OAuth error. Latchkey retries with backoff; if it persists, check the Access Token URL and the vendor's allow-list.",
  blocked_address: "The vendor URL points at an address Latchkey refuses to call (loopback, private or link-local).",
};

export function adviceFor(code: string | null | undefined): string | null {
  return code ? (ADVICE[code as TokenErrorCode] ?? "Check the connector's settings and try again.") : null;
}
