/**
 * Cutting text before redacting it bounds the work, but the cut can split a secret: the half
 * left at the end no longer matches the whole secret, nor a credential shape, and would be shown.
 * `cutStart` finds what the cut may have split, so redaction hides it too (redaction.ts
 * `redactHead`). It is hidden along with the other matches rather than cut off first: part of
 * it may belong to another match, which must still be found whole.
 */

/** Characters tokens and their encodings are made of (base64, base64url, hex, percent- and JSON-escapes). */
function isTokenChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x2d || // -
    code === 0x2e || // .
    code === 0x5f || // _
    code === 0x7e || // ~
    code === 0x2b || // +
    code === 0x2f || // /
    code === 0x3d || // =
    code === 0x25 || // %
    code === 0x5c // \
  );
}

/**
 * The length of the longest proper prefix of `pattern` that `text` ends with (Knuth–Morris–Pratt
 * failure function over the pattern, then one pass over the last characters of the text: linear).
 */
export function overlapAtEnd(text: string, pattern: string): number {
  if (pattern.length < 2) return 0;
  const failure = new Int32Array(pattern.length);
  for (let i = 1, k = 0; i < pattern.length; i++) {
    while (k > 0 && pattern[i] !== pattern[k]) k = failure[k - 1]!;
    if (pattern[i] === pattern[k]) k++;
    failure[i] = k;
  }
  let matched = 0;
  // Only the last length - 1 characters can hold a proper prefix, so a whole match cannot occur here.
  for (let i = Math.max(0, text.length - pattern.length + 1); i < text.length; i++) {
    while (matched > 0 && text[i] !== pattern[matched]) matched = failure[matched - 1]!;
    if (text[i] === pattern[matched]) matched++;
  }
  return matched;
}

/**
 * Where the part of `head` (the start of a longer text) that the cut may have split begins: a
 * known secret's spelling the end of `head` holds only the start of, then the run of token
 * characters before it (a token, a JWT or a Bearer value cut in half, whose owner redaction does
 * not know). The run stops at whitespace, quotes and other punctuation. head.length when the cut
 * split nothing.
 */
export function cutStart(head: string, spellings: readonly string[]): number {
  let start = head.length;
  for (const spelling of spellings) start = Math.min(start, head.length - overlapAtEnd(head, spelling));
  while (start > 0 && isTokenChar(head.charCodeAt(start - 1))) start--;
  return start;
}
