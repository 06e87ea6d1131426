/**
 * Building token endpoint requests (RFC 6749 §4.1.3 authorization code, §4.4.2 client
 * credentials, §6 refresh; RFC 7636 §4.5 code_verifier; RFC 7523 §2.1 JWT bearer).
 *
 * - `grant_type`: the grant's own value; for client credentials the connector's Grant type value
 *   (Zoom's "account_credentials", whose account_id comes from the token extras), and the URN
 *   of RFC 7523 §2.1 for JWT bearer.
 * - Signed JWTs (the JWT bearer `assertion`, a private_key_jwt `client_assertion`) are signed
 *   beforehand (request-assertions.ts) and passed in: building stays synchronous and pure.
 * - URL: the token URL; a refresh goes to the refresh URL when one is configured.
 * - Body: application/x-www-form-urlencoded (RFC 6749 Appendix B), or a JSON object when the
 *   connector says so (Notion). Protocol parameters first, then client authentication, then
 *   the admin's extra parameters (token extras for the code, client-credentials and JWT bearer grants,
 *   refresh extras for refresh), which can never replace a protocol parameter.
 * - Headers: `Accept: application/json` always (GitHub answers form-encoded without it), the
 *   content type, the Basic header when the client authenticates that way, then extra headers,
 *   which can never replace any of those.
 * - `scope`: sent for client credentials (§4.4.2), on refresh only when the connector asks for it
 *   (§6 allows it; Microsoft Entra wants it), never on the code exchange (§4.1.3 has none); for
 *   JWT bearer as a parameter unless the connector puts the scopes in the assertion (Google).
 */
import { clientAuthentication, type ClientAuthenticationOptions } from "./client-authentication";
import { JWT_BEARER_GRANT_TYPE } from "./grants";
import { addExtraHeaders, allowedExtraParams, RESERVED_TOKEN_PARAMS } from "./request-extras";
import type { Grant, KeyValue, OAuthClientConfig, RequestAssertions, TokenBodyFormat, TokenRequest } from "./types";

export const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";
export const JSON_CONTENT_TYPE = "application/json";

export function buildTokenRequest(config: OAuthClientConfig, grant: Grant, assertions: RequestAssertions = {}): TokenRequest {
  const params: [string, string][] = [["grant_type", grantTypeParameter(config, grant)]];
  switch (grant.type) {
    case "authorization_code":
      params.push(["code", grant.code], ["redirect_uri", grant.redirectUri]);
      if (grant.codeVerifier !== null) params.push(["code_verifier", grant.codeVerifier]);
      break;
    case "client_credentials":
      if (config.scopes.length > 0) params.push(["scope", joinScopes(config)]);
      break;
    case "jwt_bearer":
      if (!assertions.grant) throw new TypeError("the JWT bearer grant needs a signed assertion (request-assertions.ts)");
      params.push(["assertion", assertions.grant]);
      if (config.jwtBearer?.scopeIn !== "claim" && config.scopes.length > 0) params.push(["scope", joinScopes(config)]);
      break;
    case "refresh_token":
      params.push(["refresh_token", grant.refreshToken]);
      if (config.refreshIncludesScope && config.scopes.length > 0) params.push(["scope", joinScopes(config)]);
      break;
  }
  const extras = grant.type === "refresh_token" ? config.extras.refresh : config.extras.token;
  const url = grant.type === "refresh_token" ? (config.refreshUrl ?? config.tokenUrl) : config.tokenUrl;
  return encodeRequest(url, config, params, extras, { clientAssertion: assertions.client, anonymous: grant.type === "jwt_bearer" });
}

function grantTypeParameter(config: Pick<OAuthClientConfig, "grantTypeValue">, grant: Grant): string {
  if (grant.type === "client_credentials") return config.grantTypeValue || "client_credentials";
  return grant.type === "jwt_bearer" ? JWT_BEARER_GRANT_TYPE : grant.type;
}

/** Shared by token and revocation requests: client authentication, extras, encoding. */
export function encodeRequest(
  url: string,
  config: OAuthClientConfig,
  protocolParams: [string, string][],
  extras: { headers: KeyValue[]; params: KeyValue[] },
  authentication: ClientAuthenticationOptions = {},
): TokenRequest {
  const auth = clientAuthentication(config, authentication);
  const params = [
    ...protocolParams,
    ...auth.params,
    ...allowedExtraParams(extras.params, RESERVED_TOKEN_PARAMS).map(({ name, value }) => [name.trim(), value] as [string, string]),
  ];
  const headers = addExtraHeaders({ accept: JSON_CONTENT_TYPE, "content-type": contentTypeOf(config.tokenBodyFormat), ...auth.headers }, extras.headers);
  return { url, method: "POST", headers, body: encodeBody(config.tokenBodyFormat, params) };
}

export function joinScopes(config: Pick<OAuthClientConfig, "scopes" | "scopeSeparator">): string {
  return config.scopes.join(config.scopeSeparator);
}

function contentTypeOf(format: TokenBodyFormat): string {
  return format === "json" ? JSON_CONTENT_TYPE : FORM_CONTENT_TYPE;
}

/** Form: repeated names are repeated (RFC 8707 `resource`). JSON: repeated names become an array. */
function encodeBody(format: TokenBodyFormat, params: [string, string][]): string {
  if (format === "form") return new URLSearchParams(params).toString();
  const values = new Map<string, string[]>();
  for (const [name, value] of params) values.set(name, [...(values.get(name) ?? []), value]);
  // Object.fromEntries defines own properties, so even a "__proto__" row stays plain data.
  return JSON.stringify(Object.fromEntries([...values].map(([name, list]) => [name, list.length === 1 ? list[0] : list])));
}
