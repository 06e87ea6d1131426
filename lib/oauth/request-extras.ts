/**
 * Admin-configured extra headers and parameters, applied so that they can only add to a request,
 * never change what the protocol sets (SECURITY 15). The connector schema already refuses these
 * names; this is the second line of defence for configurations that reach the protocol layer by
 * another route (an old row, a script). Rows that would override are skipped, not sent.
 */
import type { KeyValue } from "./types";

/** Parameters the authorization request sets itself (RFC 6749 §4.1.1, RFC 7636 §4.3). */
export const RESERVED_AUTH_PARAMS: ReadonlySet<string> = new Set([
  "response_type",
  "client_id",
  "redirect_uri",
  "scope",
  "state",
  "code_challenge",
  "code_challenge_method",
]);

/**
 * Parameters token, refresh and revocation requests set themselves (RFC 6749 §2.3.1, §4.1.3,
 * §4.4.2, §6; RFC 7636 §4.5; RFC 7009 §2.1; RFC 7521 §4.1 and §4.2 assertions).
 */
export const RESERVED_TOKEN_PARAMS: ReadonlySet<string> = new Set([
  "grant_type",
  "code",
  "code_verifier",
  "redirect_uri",
  "refresh_token",
  "client_id",
  "client_secret",
  "client_assertion",
  "client_assertion_type",
  "assertion",
  "scope",
  "token",
  "token_type_hint",
]);

/** Headers an extra row can never set: framing, hop-by-hop, and the ones our requests own. */
export const RESERVED_HEADERS: ReadonlySet<string> = new Set([
  "host",
  "content-length",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "upgrade",
  "te",
  "trailer",
  "proxy-connection",
  "proxy-authorization",
  "authorization",
  "content-type",
  "accept",
]);

/** RFC 9110 §5.6.2 token. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** Extra parameters that may be added: not reserved (compared case-insensitively), no control characters. */
export function allowedExtraParams(rows: readonly KeyValue[], reserved: ReadonlySet<string>): KeyValue[] {
  return rows.filter(
    ({ name, value }) => name.trim() !== "" && !reserved.has(name.trim().toLowerCase()) && !CONTROL_CHARS.test(name) && !CONTROL_CHARS.test(value),
  );
}

/**
 * Adds the allowed extra headers to `headers` (lowercase names). A name given twice is sent once
 * with the values joined by ", " (RFC 9110 §5.3).
 */
export function addExtraHeaders(headers: Record<string, string>, rows: readonly KeyValue[]): Record<string, string> {
  const added: Record<string, string> = {};
  for (const { name, value } of rows) {
    const key = name.trim().toLowerCase();
    if (!HEADER_NAME.test(key) || RESERVED_HEADERS.has(key) || key in headers || CONTROL_CHARS.test(value)) continue;
    added[key] = key in added ? `${added[key]}, ${value.trim()}` : value.trim();
  }
  return { ...headers, ...added };
}
