/**
 * Classifying token endpoint failures into the stable OAuthErrorCode classes.
 *
 * The body decides before the status: GitHub sends `bad_verification_code` with HTTP 200,
 * Atlassian `invalid_grant` with 403 (RFC 6749 §5.2 says 400). Vendor `error` strings are mapped
 * in three steps:
 *
 * 1. Exact names (case-insensitive), RFC 6749 §5.2 / RFC 7009 §2.2.1 codes and known vendor
 *    spellings, in VENDOR_ERRORS below.
 * 2. Keywords, first match wins:
 *      rate limit / too many / throttle / slow down, unavailable / maintenance / overload
 *                                                  → temporarily_unavailable
 *      "grant type"                                → unsupported_grant_type
 *      redirect                                    → invalid_request
 *      scope                                       → invalid_scope
 *      client / secret / credential / app id / api key → invalid_client
 *      grant / code / refresh / token / expired / revoked → invalid_grant
 *      denied / forbidden / consent / not allowed / unauthorized → access_denied
 *      server / internal / fatal                   → server_error
 *      invalid / missing / bad / malformed / unsupported → invalid_request
 * 3. The HTTP status (statusClass): 401 invalid_client, 403 access_denied, 408 and 429
 *    temporarily_unavailable, 503 temporarily_unavailable, other 5xx server_error, other 4xx
 *    invalid_request; an unknown error on a 2xx is invalid_request.
 *
 * Retryable (SECURITY 24): server_error, temporarily_unavailable, network, timeout. Nothing else:
 * invalid_grant in particular must stop retries and ask for re-authorization (SECURITY 23).
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

const KEYWORDS: [RegExp, OAuthErrorCode][] = [
  [/rate.?limit|too.?many|throttl|slow.?down/, "temporarily_unavailable"],
  [/unavailable|maintenance|overload/, "temporarily_unavailable"],
  [/grant.?type/, "unsupported_grant_type"],
  [/redirect/, "invalid_request"],
  [/scope/, "invalid_scope"],
  [/client|secret|credential|app.?id|api.?key/, "invalid_client"],
  [/grant|code|refresh|token|expired|revoked/, "invalid_grant"],
  [/denied|forbidden|consent|not.?allowed|unauthori[sz]ed/, "access_denied"],
  [/server|internal|fatal/, "server_error"],
  [/invalid|missing|bad|malformed|unsupported/, "invalid_request"],
];

export const RETRYABLE: ReadonlySet<OAuthErrorCode> = new Set(["server_error", "temporarily_unavailable", "network", "timeout"]);

/** The class of a vendor `error` string, falling back to the HTTP status. */
export function classifyVendorError(vendorError: string | null, status: number | null): OAuthErrorCode {
  if (vendorError) {
    const key = vendorError.trim().toLowerCase();
    const exact = Object.hasOwn(VENDOR_ERRORS, key) ? VENDOR_ERRORS[key] : undefined;
    if (exact) return exact;
    for (const [pattern, code] of KEYWORDS) if (pattern.test(key)) return code;
    if (status !== null && status >= 200 && status < 300) return "invalid_request";
  }
  return statusClass(status);
}

/** The class of a failed response that carries no usable OAuth error. */
export function statusClass(status: number | null): OAuthErrorCode {
  if (status === null) return "malformed_response";
  if (status === 401) return "invalid_client";
  if (status === 403) return "access_denied";
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
    case "blocked_address":
      return "Latchkey refused to send the request: the URL points at a blocked address or scheme. Use the vendor's public https:// URL.";
  }
}
