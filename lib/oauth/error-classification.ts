/**
 * Classifying token endpoint failures, in two steps.
 *
 * Step 1, the response → a stable OAuthErrorCode. The body decides before the status: GitHub
 * sends `bad_verification_code` with HTTP 200, Atlassian `invalid_grant` with 403 (RFC 6749
 * §5.2 says 400). A vendor `error` string is matched
 *
 * 1. exactly (case-insensitive) against the RFC 6749 §5.2 / RFC 7009 §2.2.1 codes and known
 *    vendor spellings in VENDOR_ERRORS below; then
 * 2. conservatively: an unknown string may only be read as something retryable or as a
 *    configuration problem, never as "re-authorize" or "wrong client credentials", because
 *    those stop retries or blame the admin. Keywords (first match wins):
 *      rate limit / too many / throttle / slow down / unavailable / maintenance / overload
 *                                              → temporarily_unavailable
 *      server / internal / fatal               → server_error
 *      "client secret" / "client credential" / "invalid client" → invalid_client (retried
 *                                                slowly: a vendor's own spelling of RFC 6749's code)
 *      "grant type"                            → unsupported_grant_type
 *      scope                                   → invalid_scope
 *    Anything else falls to the status: a 5xx, 408 or 429 keeps its transient class, any
 *    other status becomes invalid_request. (So `internal_token_error` is a server error, not an
 *    invalid grant.)
 * 3. Without an OAuth error, by the HTTP status alone (statusClass): 408, 429 and 503
 *    temporarily_unavailable, other 5xx server_error, 401 and 403 http_error (a bare 401/403
 *    usually comes from a WAF or proxy in front of the vendor: RFC 6749 §5.2 puts client
 *    authentication failures in an `invalid_client` body), other 4xx invalid_request.
 *
 * Step 2, the code → a FailureClass that decides what the lifecycle does (failureClassOf).
 */
import type { OAuthErrorCode } from "./types";

export const VENDOR_ERRORS: Readonly<Record<string, OAuthErrorCode>> = {
  // RFC 6749 §5.2
  invalid_request: "invalid_request",
  invalid_client: "invalid_client",
  invalid_grant: "invalid_grant",
  unauthorized_client: "unauthorized_client",
  unsupported_grant_type: "unsupported_grant_type",
  invalid_scope: "invalid_scope",
  // RFC 6749 §4.1.2.1 (authorization endpoint), also seen at token endpoints
  access_denied: "access_denied",
  server_error: "server_error",
  temporarily_unavailable: "temporarily_unavailable",
  unsupported_response_type: "invalid_request",
  // RFC 7009 §2.2.1
  unsupported_token_type: "invalid_request",
  // OpenID Connect Core §3.1.2.6
  interaction_required: "access_denied",
  login_required: "access_denied",
  consent_required: "access_denied",
  account_selection_required: "access_denied",
  // GitHub
  bad_verification_code: "invalid_grant",
  bad_refresh_token: "invalid_grant",
  incorrect_client_credentials: "invalid_client",
  redirect_uri_mismatch: "invalid_request",
  unverified_user_email: "access_denied",
  // Slack
  invalid_code: "invalid_grant",
  code_already_used: "invalid_grant",
  invalid_refresh_token: "invalid_grant",
  token_revoked: "invalid_grant",
  token_expired: "invalid_grant",
  invalid_client_id: "invalid_client",
  bad_client_secret: "invalid_client",
  bad_redirect_uri: "invalid_request",
  invalid_arguments: "invalid_request",
  ratelimited: "temporarily_unavailable",
  fatal_error: "server_error",
  internal_error: "server_error",
  // Others / RFC 8628 spellings met at token endpoints
  expired_token: "invalid_grant",
  invalid_token: "invalid_grant",
  slow_down: "temporarily_unavailable",
  rate_limited: "temporarily_unavailable",
  too_many_requests: "temporarily_unavailable",
  service_unavailable: "temporarily_unavailable",
  internal_server_error: "server_error",
};

/** The conservative fallback for vendor `error` strings not in VENDOR_ERRORS: never "needs re-authorization", which stops retries. */
const KEYWORDS: [RegExp, OAuthErrorCode][] = [
  [/rate.?limit|too.?many|throttl|slow.?down|unavailable|maintenance|overload/, "temporarily_unavailable"],
  [/server|internal|fatal/, "server_error"],
  [/client.?secret|client.?credential|invalid.?client/, "invalid_client"],
  [/grant.?type/, "unsupported_grant_type"],
  [/scope/, "invalid_scope"],
];

/**
 * What a failure means for the token's lifecycle (lib/tokens/status.ts):
 * - needs_reauth: only a new authorization grant can fix it. RFC 6749 §5.2 `invalid_grant`:
 *   the refresh token (or code) is invalid, expired, revoked or already used. No retries.
 * - check_client: the vendor refused the client itself. RFC 6749 §5.2 `invalid_client` (client
 *   authentication failed) and `unauthorized_client` (this client may not use this grant):
 *   re-authorizing cannot fix a wrong secret or a disabled grant, the admin must check the
 *   client credentials. Retried slowly, in case the vendor's side is fixed.
 * - refresh_failing: the request itself was refused. RFC 6749 §5.2 `invalid_request`,
 *   `invalid_scope`, `unsupported_grant_type`, plus `access_denied` and a URL the SSRF guard
 *   refuses. Retried with backoff.
 * - transient: nothing is known to be wrong with the configuration. 5xx and
 *   `temporarily_unavailable` (RFC 6749 §4.1.2.1), 429 (RFC 6585 §4), timeouts and connection
 *   errors, HTML or unparseable bodies, a bare 401/403 without an OAuth error. Retried with
 *   backoff (Retry-After honoured, RFC 9110 §10.2.3); only several in a row count as "refresh
 *   failing".
 */
export type FailureClass = "needs_reauth" | "check_client" | "refresh_failing" | "transient";

export const FAILURE_CLASSES: Readonly<Record<OAuthErrorCode, FailureClass>> = {
  invalid_grant: "needs_reauth",
  invalid_client: "check_client",
  unauthorized_client: "check_client",
  invalid_scope: "refresh_failing",
  invalid_request: "refresh_failing",
  unsupported_grant_type: "refresh_failing",
  access_denied: "refresh_failing",
  blocked_address: "refresh_failing",
  server_error: "transient",
  temporarily_unavailable: "transient",
  network: "transient",
  timeout: "transient",
  malformed_response: "transient",
  http_error: "transient",
};

export function failureClassOf(code: OAuthErrorCode): FailureClass {
  return FAILURE_CLASSES[code];
}

/** Codes worth retrying soon: the transient class (SECURITY 24). */
export const RETRYABLE: ReadonlySet<OAuthErrorCode> = new Set(
  (Object.keys(FAILURE_CLASSES) as OAuthErrorCode[]).filter((code) => FAILURE_CLASSES[code] === "transient"),
);

/** The class of a vendor `error` string, falling back to the HTTP status. */
export function classifyVendorError(vendorError: string | null, status: number | null): OAuthErrorCode {
  if (vendorError) {
    const key = vendorError.trim().toLowerCase();
    const exact = Object.hasOwn(VENDOR_ERRORS, key) ? VENDOR_ERRORS[key] : undefined;
    if (exact) return exact;
    for (const [pattern, code] of KEYWORDS) if (pattern.test(key)) return code;
    // An unknown error string is the vendor refusing the request: transient only when the status says so.
    const byStatus = statusClass(status);
    return FAILURE_CLASSES[byStatus] === "transient" && byStatus !== "http_error" && byStatus !== "malformed_response" ? byStatus : "invalid_request";
  }
  return statusClass(status);
}

/** The class of a failed response that carries no usable OAuth error. */
export function statusClass(status: number | null): OAuthErrorCode {
  if (status === null) return "malformed_response";
  if (status === 401 || status === 403) return "http_error";
  if (status === 408 || status === 429 || status === 503) return "temporarily_unavailable";
  if (status >= 500 && status < 600) return "server_error";
  if (status >= 400 && status < 500) return "invalid_request";
  return "malformed_response";
}

/** What the admin sees for each class (safe: no vendor text, no secrets). */
export function messageFor(code: OAuthErrorCode, status: number | null, detail?: string): string {
  const http = status === null ? "" : ` (HTTP ${status})`;
  switch (code) {
    case "invalid_grant":
      return `The vendor rejected the grant${http}: the authorization code or refresh token is invalid, expired, already used or revoked. Reconnect the connector to authorize again.`;
    case "invalid_client":
      return `The vendor rejected the client credentials${http}. Check the Client ID and Client Secret, then try the other Client Authentication setting (Basic header or request body).`;
    case "invalid_scope":
      return `The vendor rejected the requested scopes${http}. Check the scope values and the separator against the vendor's documentation.`;
    case "unauthorized_client":
      return `The vendor does not allow this client to use this grant type${http}. Enable it for the app in the vendor's developer console, or choose another grant type.`;
    case "access_denied":
      return `The vendor denied access${http}. Check that the app is approved and that the account has permission, then try again.`;
    case "server_error":
      return `The vendor had an internal error${http}${detail ? `: ${detail}` : ""}. Latchkey retries later; if it persists, check the vendor's status page.`;
    case "temporarily_unavailable":
      return `The vendor is temporarily unavailable or rate limiting requests${http}. Latchkey retries later.`;
    case "malformed_response":
      return `The vendor's answer${http} is not a usable token response${detail ? `: ${detail}` : ""}. Check that the Access Token URL points at the vendor's OAuth token endpoint. Nothing stored was changed.`;
    case "invalid_request":
      return `The vendor rejected the request as invalid${http}${detail ? `: ${detail}` : ""}. Check the URLs, the redirect URI registered at the vendor, the extra parameters and the token body format.`;
    case "unsupported_grant_type":
      return `The vendor does not support this grant type at this endpoint${http}. Check the Grant Type and the Access Token URL.`;
    case "network":
      return `Could not reach the vendor${detail ? `: ${detail}` : ""}. Check the URL and try again.`;
    case "timeout":
      return "The vendor did not answer in time. Try again later.";
    case "http_error":
      return `The vendor refused the request${http} without saying why in OAuth terms: often a proxy or firewall in front of it. Latchkey retries later; if it persists, check the Access Token URL and any allow-list at the vendor.`;
    case "blocked_address":
      return "Latchkey refused to send the request: the URL points at a blocked address or scheme. Use the vendor's public https:// URL.";
  }
}
