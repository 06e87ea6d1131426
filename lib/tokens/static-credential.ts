/**
 * API Key and Basic Auth connectors have no token endpoint. Their "token" is the credential
 * itself, obtained locally under the same lease and stored sealed like any access token, so the
 * dashboard, the token endpoint, the proxy, Disconnect and expiry rules treat them like every
 * other connector (SECURITY 43). It has no known expiry: nothing renews it until an admin
 * replaces the credential or an expiry rule says otherwise.
 *
 * Basic Auth's token is `base64(user name ":" password)` (RFC 7617 §2), applied after the
 * "Basic" prefix, so a worker that writes `<prefix> <access_token>` sends exactly the header.
 */
import type { StaticCredential } from "../connectors/oauth-client";
import type { OAuthError, TokenResult } from "../oauth";

export function staticTokenResult(credential: StaticCredential | null): TokenResult {
  if (credential === null) return { ok: false, error: missingCredential() };
  const accessToken =
    credential.type === "api_key" ? credential.apiKey : Buffer.from(`${credential.username}:${credential.password}`, "utf8").toString("base64");
  return { ok: true, token: { accessToken, tokenType: null, expiresAt: null, refreshToken: null, scopes: null, extra: {} } };
}

function missingCredential(): OAuthError {
  return {
    code: "invalid_client",
    message: "No credential is stored for this connector: an admin must enter it on the connector page.",
    vendorError: null,
    description: null,
    httpStatus: null,
    excerpt: null,
    retryable: false,
    retryAfterSeconds: null,
  };
}
