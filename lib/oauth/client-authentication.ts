/**
 * Client authentication at the token, refresh and revocation endpoints (RFC 6749 §2.3.1,
 * RFC 7009 §2.1). Exactly one method per request (§2.3: "MUST NOT use more than one"):
 *
 * - "basic": `Authorization: Basic base64(form-encode(client_id) ":" form-encode(secret))`,
 *   nothing about the client in the body.
 * - "body": `client_id` and `client_secret` as body parameters, no Authorization header.
 * - public client (no secret): `client_id` in the body only (§4.1.3, §3.2.1), whichever method
 *   was chosen.
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

export function clientAuthentication(config: Pick<OAuthClientConfig, "clientAuth" | "clientId" | "clientSecret">): ClientAuthentication {
  if (config.clientSecret === null || config.clientSecret === "") {
    return { headers: {}, params: [["client_id", config.clientId]] };
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
