/**
 * Which grants run without a person: Latchkey obtains their tokens again whenever it needs one
 * (RFC 6749 §4.4.3: client credentials get no refresh token; a JWT bearer assertion can be
 * signed again at any time, RFC 7523 §2.1). Authorization Code needs an admin in a browser.
 */
import type { GrantType } from "./types";

export const GRANT_TYPE_VALUES: readonly GrantType[] = ["authorization_code", "client_credentials", "jwt_bearer"];

/** The stored grant as a GrantType; anything unknown reads as Authorization Code, which never calls a vendor unasked. */
export function grantTypeOf(stored: string): GrantType {
  return (GRANT_TYPE_VALUES as readonly string[]).includes(stored) ? (stored as GrantType) : "authorization_code";
}

/** Grants Latchkey can run again by itself: Get token, the refresher and workers obtain a new token with them. */
export const NON_INTERACTIVE_GRANTS: readonly GrantType[] = ["client_credentials", "jwt_bearer"];

export function obtainsWithoutBrowser(grantType: string): boolean {
  return (NON_INTERACTIVE_GRANTS as readonly string[]).includes(grantType);
}

/** RFC 7523 §2.1 grant_type of the JWT bearer grant. */
export const JWT_BEARER_GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
