/**
 * RFC 9207 (OAuth 2.0 Authorization Server Issuer Identification): the `iss` parameter of the
 * redirect back says which authorization server sent it. A client that talks to several servers
 * compares it with the issuer it expects, so a response produced by another server (a mix-up
 * attack, RFC 9700 §4.4) is refused before its code is sent anywhere (SECURITY 40).
 */

export type ResponseIssuerCheck = "ok" | "issuer_mismatch" | "issuer_missing";

export interface ExpectedIssuer {
  /** The connector's issuer identifier; null or empty: nothing to compare, `iss` is ignored. */
  issuer?: string | null;
  /** The vendor advertises `authorization_response_iss_parameter_supported`, so it always sends `iss` (RFC 9207 §3). */
  requireIss?: boolean;
}

/**
 * `values` are every `iss` the redirect carried. RFC 9207 §2.4: compared by simple string
 * comparison, no normalisation; a parameter sent twice (RFC 6749 §3.1 forbids it) cannot match.
 */
export function checkResponseIssuer({ issuer, requireIss = false }: ExpectedIssuer, values: readonly string[]): ResponseIssuerCheck {
  if (!issuer) return "ok";
  if (values.length === 0) return requireIss ? "issuer_missing" : "ok";
  return values.length === 1 && values[0] === issuer ? "ok" : "issuer_mismatch";
}
