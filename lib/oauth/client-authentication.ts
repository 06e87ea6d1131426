/**
 * Client authentication at the token, refresh and revocation endpoints (RFC 6749 §2.3.1,
 * RFC 7009 §2.1). Exactly one method per request (§2.3: "MUST NOT use more than one"):
 *
 * - "basic": `Authorization: Basic base64(form-encode(client_id) ":" form-encode(secret))`,
 *   nothing about the client in the body.
 * - "body": `client_id` and `client_secret` as body parameters, no Authorization header.
 * - "private_key_jwt" (RFC 7523 §2.2, OIDC Core §9): `client_id`, `client_assertion_type` and a
 *   `client_assertion` signed with the connector's key (client-assertion.ts) in the body, no
 *   Authorization header; a stored client secret is not sent.
 * - public client (no secret): `client_id` in the body only (§4.1.3, §3.2.1), whichever method
 *   was chosen; nothing at all for the JWT bearer grant, which needs no client authentication
 *   (RFC 7521 §4.1) and whose vendors (Google) expect only the grant and the assertion.
 *
 * Form-encoding is the application/x-www-form-urlencoded serializer (URLSearchParams): a space
 * becomes "+", and `*-._` and alphanumerics stay as they are. oauth4webapi's ClientSecretBasic
 * also percent-encodes `-._*!~'()`; both decode to the same value, but servers that skip the
 * decoding step (see VENDOR-QUIRKS) still accept the far more common ids and secrets made of
 * letters, digits, `-`, `.` and `_` when we leave those characters alone.
 */
import type { OAuthClientConfig } from "./types";

/** application/x-www-form-urlencoded serialisation of one value (RFC 6749 Appendix B). */
export function formUrlEncode(value: string): string {
  return new URLSearchParams([["", value]]).toString().slice(1);
}

/** The HTTP Basic credentials of RFC 6749 §2.3.1. */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  // Form-encoded text is ASCII, so btoa cannot meet a character outside Latin-1.
  return `Basic ${btoa(`${formUrlEncode(clientId)}:${formUrlEncode(clientSecret)}`)}`;
}

export interface ClientAuthentication {
  /** Headers to add (only ever `authorization`). */
  headers: Record<string, string>;
  /** Body parameters to add, in order. */
  params: [string, string][];
}

/** RFC 7523 §2.2 client_assertion_type. */
export const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

export interface ClientAuthenticationOptions {
  /** The signed client assertion; required for private_key_jwt. */
  clientAssertion?: string | null;
  /** Send nothing for a client without credentials (the JWT bearer grant) rather than its client_id. */
  anonymous?: boolean;
}

export function clientAuthentication(
  config: Pick<OAuthClientConfig, "clientAuth" | "clientId" | "clientSecret">,
  { clientAssertion = null, anonymous = false }: ClientAuthenticationOptions = {},
): ClientAuthentication {
  if (config.clientAuth === "private_key_jwt") {
    if (!clientAssertion) throw new TypeError("private_key_jwt needs a signed client assertion (request-assertions.ts)");
    return {
      headers: {},
      params: [
        ["client_id", config.clientId],
        ["client_assertion_type", CLIENT_ASSERTION_TYPE],
        ["client_assertion", clientAssertion],
      ],
    };
  }
  if (config.clientSecret === null || config.clientSecret === "") {
    return { headers: {}, params: anonymous || config.clientId === "" ? [] : [["client_id", config.clientId]] };
  }
  if (config.clientAuth === "basic") {
    return { headers: { authorization: basicAuthorization(config.clientId, config.clientSecret) }, params: [] };
  }
  return {
    headers: {},
    params: [
      ["client_id", config.clientId],
      ["client_secret", config.clientSecret],
    ],
  };
}
