/**
 * Credentials recognised by their shape rather than their field name: JWTs, and the value after
 * `Basic ` / `Bearer `. Both run in time linear in the text: a vendor writes every byte of the
 * error bodies these scan, and a regex that backtracks (`eyJ[…]{4,}\.…` over 40 KB of "eyJ" took
 * 1.6 s) would let one response stall the process.
 */

/** base64url characters (RFC 4648 §5), what each JWT segment is made of (RFC 7519 §3). */
function isBase64UrlChar(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x2d || code === 0x5f;
}

/** Where the run of base64url characters starting at `from` ends. */
function runEnd(text: string, from: number): number {
  let at = from;
  while (at < text.length && isBase64UrlChar(text.charCodeAt(at))) at++;
  return at;
}

/** Marks a range [start, end) of the text to hide. */
export type Mark = (start: number, end: number) => void;

/**
 * Marks every JWT (compact JWS: `eyJ<header>.<payload>.<signature>`, the header being base64url
 * JSON so it starts with "eyJ"). It finds what the former regex
 * `eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*` found: at least 4 characters after "eyJ",
 * a payload of at least 4, a signature of any length. Also a JWE (five segments, the second empty
 * with direct encryption) and any further dotted segments: the regex left the last two segments
 * of a JWE visible, and all of one whose second segment is empty. Each character is visited a
 * bounded number of times: after a failed attempt the scan resumes at the end of that header's
 * run, since a later "eyJ" in the same run would meet the same dot and payload and fail the same way.
 */
export function markJwts(text: string, mark: Mark): void {
  let at = text.indexOf("eyJ");
  while (at !== -1) {
    const headerEnd = runEnd(text, at + 3);
    let next = headerEnd;
    if (headerEnd - (at + 3) >= 4 && text[headerEnd] === ".") {
      const payloadStart = headerEnd + 1;
      let payloadEnd = runEnd(text, payloadStart);
      // A JWE with direct encryption has an empty second segment (RFC 7516 §5.1): the IV follows.
      if (payloadEnd === payloadStart && text[payloadEnd] === ".") {
        const ivEnd = runEnd(text, payloadEnd + 1);
        if (ivEnd - (payloadEnd + 1) >= 4) payloadEnd = ivEnd;
      }
      if (payloadEnd - payloadStart >= 4 && text[payloadEnd] === ".") {
        let end = runEnd(text, payloadEnd + 1);
        // More dotted segments belong to the same token: a JWE has five (RFC 7516 §7.1, the
        // second may be empty), and a JWT with an empty signature may run into the next one.
        while (text[end] === "." && (text[end + 1] === "." || isBase64UrlChar(text.charCodeAt(end + 1)))) end = runEnd(text, end + 1);
        mark(at, end);
        next = end;
      }
    }
    at = text.indexOf("eyJ", next);
  }
}

/**
 * `Basic` or `Bearer`, whitespace, then the credentials: RFC 7617 token68 / RFC 6750 §2.1
 * b64token characters and trailing "=". One pass with no overlapping quantifiers; whether the
 * value is a credential is decided in code below.
 */
const AUTHORIZATION_VALUE = /\b(Basic|Bearer)(\s+)([A-Za-z0-9\-._~+/]*)(=*)/gi;
/** A digit or symbol: what tells a credential from prose such as "Bearer token missing". */
const NOT_A_WORD = /[0-9\-._~+/]/;

/**
 * Marks the credentials after `Basic ` / `Bearer ` (8+ token characters including a digit, a
 * symbol or "=" padding), not the scheme or the whitespace.
 */
export function markAuthorizationValues(text: string, mark: Mark): void {
  const pattern = new RegExp(AUTHORIZATION_VALUE.source, AUTHORIZATION_VALUE.flags);
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const [whole, scheme = "", space = "", value = "", padding = ""] = match;
    if (value.length >= 8 && (padding !== "" || NOT_A_WORD.test(value))) {
      mark(match.index + scheme.length + space.length, match.index + whole.length);
    } else {
      // Not a credential: look again right after the scheme word, as "Bearer Bearer abc-1234" needs.
      pattern.lastIndex = match.index + scheme.length;
    }
  }
}
