/**
 * Prose a vendor wrote into the redirect back (RFC 6749 §4.1.2.1 `error`, `error_description`).
 * The vendor, or anyone who crafts that redirect, chooses every character, and the text lands in
 * the audit trail and on the connector page. So it is redacted like a response body (`redact`:
 * secret-named fields, the caller's secrets in every spelling, JWTs, Basic and Bearer values),
 * and because it is meant to be prose, every long opaque run of token characters that mixes
 * letters and digits is taken for a credential as well: an opaque refresh token or API key
 * quoted back has no other shape to recognise it by. Then it is shortened (at most 300
 * characters, whitespace collapsed).
 */
import { redact, REDACTED, shorten } from "./redaction";

/**
 * Far more than is shown, so cutting here never decides what is shown. The cut is made at a
 * whitespace, so no token is split (a split token could escape every pattern below).
 */
const HEAD_LENGTH = 8 * 1024;

/**
 * 24+ characters of the alphabets tokens are written in (base64, base64url, hex, RFC 6750's
 * b64token). One character class with one quantifier: linear in the text.
 */
const OPAQUE_RUN = /[A-Za-z0-9\-._~+/=]{24,}/g;

function looksLikeCredential(run: string): boolean {
  return /[0-9]/.test(run) && /[A-Za-z]/.test(run);
}

/** A sentence's full stop after a token is prose, not part of it. */
function trailingDots(run: string): string {
  let start = run.length;
  while (start > 0 && run.charAt(start - 1) === ".") start -= 1;
  return run.slice(start);
}

function headOf(text: string): string {
  if (text.length <= HEAD_LENGTH) return text;
  let end = HEAD_LENGTH;
  while (end > 0 && !/\s/.test(text.charAt(end))) end -= 1;
  return end > 0 ? `${text.slice(0, end)} …` : REDACTED;
}

/** Redacted, whitespace collapsed, at most `max` (≤ 300) characters; null when nothing is left. */
export function vendorProse(text: string, secrets: readonly (string | null | undefined)[], max = 300): string | null {
  const known = secrets.filter((secret): secret is string => typeof secret === "string" && secret !== "");
  const redacted = redact(headOf(text), known).replace(OPAQUE_RUN, (run) => (looksLikeCredential(run) ? REDACTED + trailingDots(run) : run));
  const short = shorten(redacted);
  return short === null || short.length <= max ? short : `${short.slice(0, max - 1)}…`;
}
