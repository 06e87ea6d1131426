/**
 * The authorization request URL (RFC 6749 §4.1.1, RFC 7636 §4.3).
 *
 * Any query already in the configured Auth URL is kept; the protocol parameters are then set
 * (replacing a same-named one from the configured URL; a `scope` written into the URL survives
 * when no scopes are configured), and the admin's extra auth parameters
 * are appended (Google `access_type=offline`, Dropbox `token_access_type=offline`), except
 * those that would replace a protocol parameter. `scope` is joined with the connector's
 * separator (RFC 6749 §3.3 says space; Slack wants commas) and left out when there are none.
 */
import { PKCE_METHOD } from "./pkce";
import { allowedExtraParams, RESERVED_AUTH_PARAMS } from "./request-extras";
import { joinScopes } from "./token-request";
import type { OAuthClientConfig } from "./types";

export interface AuthorizationRequest {
  /** Must match the redirect URI sent in the code exchange exactly (RFC 6749 §4.1.3). */
  redirectUri: string;
  state: string;
  /** S256 challenge from createPkce(), or null when PKCE is off for this connector. */
  codeChallenge: string | null;
}

export function buildAuthorizationUrl(config: OAuthClientConfig, { redirectUri, state, codeChallenge }: AuthorizationRequest): string {
  if (!config.authUrl) throw new TypeError("the connector has no Auth URL; the authorization-code flow needs one");
  const url = new URL(config.authUrl);
  const query = url.searchParams;
  query.set("response_type", "code");
  query.set("client_id", config.clientId);
  query.set("redirect_uri", redirectUri);
  if (config.scopes.length > 0) query.set("scope", joinScopes(config));
  query.set("state", state);
  if (codeChallenge !== null) {
    query.set("code_challenge", codeChallenge);
    query.set("code_challenge_method", PKCE_METHOD);
  } else {
    // A challenge left in the configured URL would ask for a verifier we do not have.
    query.delete("code_challenge");
    query.delete("code_challenge_method");
  }
  for (const { name, value } of allowedExtraParams(config.extras.auth.params, RESERVED_AUTH_PARAMS)) query.append(name.trim(), value);
  return url.toString();
}
