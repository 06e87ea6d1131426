/**
 * Token revocation (RFC 7009). Used when a connector is deleted or disconnected (SECURITY 6).
 *
 * The request (§2.1) carries `token` and `token_type_hint`, authenticates the client exactly
 * like the token request (Basic header, body, or a fresh private_key_jwt client assertion; never
 * two of them), and is encoded like the
 * connector's token requests (form unless the connector uses JSON bodies). Admin extras are not
 * added: the form has no revocation section.
 *
 * The response (§2.2): any 2xx means revoked (also for a token the server did not know), and
 * the body is ignored unless it carries an OAuth `error`. 503 is retryable with Retry-After
 * (§2.2.1); other errors are classified like token errors.
 */
import { errorFromResponse, vendorFailure } from "./token-response";
import { encodeRequest } from "./token-request";
import { readResponseBody } from "./response-body";
import type { HttpResponse, OAuthClientConfig, OAuthError, RequestAssertions, TokenRequest } from "./types";

export type TokenTypeHint = "refresh_token" | "access_token";

export type RevocationResult = { ok: true } | { ok: false; error: OAuthError };

/** The revocation request, or null when the vendor offers no revocation endpoint. */
export function buildRevocationRequest(
  config: OAuthClientConfig,
  token: string,
  hint: TokenTypeHint | null,
  assertions: RequestAssertions = {},
): TokenRequest | null {
  if (!config.revocationUrl) return null;
  const params: [string, string][] = [["token", token]];
  if (hint !== null) params.push(["token_type_hint", hint]);
  return encodeRequest(config.revocationUrl, config, params, { headers: [], params: [] }, { clientAssertion: assertions.client });
}

export function parseRevocationResponse(response: HttpResponse, now: Date = new Date(), secrets: readonly string[] = []): RevocationResult {
  if (response.status >= 200 && response.status < 300) {
    const body = readResponseBody(response.headers, response.body);
    if (body.kind !== "object" || !vendorFailure(body.fields)) return { ok: true };
  }
  return { ok: false, error: errorFromResponse(response, now, secrets) };
}
