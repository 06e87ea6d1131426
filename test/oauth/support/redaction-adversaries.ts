/**
 * Hostile bodies for the redaction module: for each thing it looks for, inputs that keep a
 * backtracking regex busy (a prefix repeated so that every copy starts a new attempt, long runs
 * of token characters, near-misses that fail only at the very end). A vendor controls every
 * byte of an error body, so each must be redacted in time proportional to its length.
 */

export const MIB = 1024 * 1024;

/** `unit` repeated up to exactly `size` characters, then `tail`. */
export function repeated(unit: string, size: number, tail = ""): string {
  const body = unit.repeat(Math.ceil((size - tail.length) / unit.length)).slice(0, size - tail.length);
  return body + tail;
}

export interface Adversary {
  /** What the redaction looks for. */
  target: "JSON pair" | "form pair" | "JWT" | "Authorization value" | "secret spellings" | "whitespace";
  /** What the input tries. */
  what: string;
  body: (size: number) => string;
  secrets?: readonly string[];
}

export const ADVERSARIES: Adversary[] = [
  { target: "JSON pair", what: "escaped quotes: every quote opens a name that never closes", body: (n) => repeated('"\\', n) },
  { target: "JSON pair", what: "names at the length cap with no colon", body: (n) => repeated(`"${"a".repeat(99)}`, n) },
  { target: "JSON pair", what: "an opened value that never closes", body: (n) => `"access_token": "${repeated('\\"', n - 17)}` },
  { target: "JSON pair", what: "a name followed by whitespace and no colon", body: (n) => `"access_token"${" ".repeat(n - 14)}` },
  { target: "JSON pair", what: "130,000 short secret-named pairs (a replacement each)", body: (n) => repeated('"token":"b",', n) },
  { target: "JSON pair", what: "name, colon, whitespace, no value", body: (n) => repeated('"a": ', n) },
  { target: "form pair", what: "names at the length cap with no '='", body: (n) => repeated(`&${"a".repeat(100)}`, n) },
  { target: "form pair", what: "a delimiter before every character", body: (n) => repeated("&a", n) },
  { target: "form pair", what: "whitespace-led names with no '='", body: (n) => repeated(" %2B", n) },
  { target: "form pair", what: "300,000 short pairs (a match each)", body: (n) => repeated("&a=b", n) },
  { target: "form pair", what: "malformed percent-escapes in every name", body: (n) => repeated("&%=", n) },
  { target: "form pair", what: "one endless value", body: (n) => `access_token=${"v".repeat(n - 13)}` },
  { target: "JWT", what: 'repeated "eyJ"', body: (n) => repeated("eyJ", n) },
  { target: "JWT", what: 'repeated "eyJ", one dot, no second dot', body: (n) => `${repeated("eyJ", n / 2)}.${repeated("eyJ", n / 2 - 1)}` },
  { target: "JWT", what: "header and payload, signature dot missing, repeated", body: (n) => repeated("eyJhbGciOi.eyJzdWIi-", n) },
  { target: "JWT", what: "second segment one character short, repeated", body: (n) => repeated("eyJhbGci.abc.", n) },
  { target: "JWT", what: "a long run of token characters after eyJ", body: (n) => `eyJ${"A".repeat(n - 4)}.` },
  { target: "JWT", what: "dots only", body: (n) => repeated("eyJa.", n) },
  { target: "Authorization value", what: "Bearer and a long run with no digit or symbol", body: (n) => `Bearer ${"a".repeat(n - 7)}` },
  { target: "Authorization value", what: 'repeated "Bearer "', body: (n) => repeated("Bearer ", n) },
  { target: "Authorization value", what: 'repeated "-Basic " (a word boundary inside a token run)', body: (n) => repeated("-Basic ", n) },
  { target: "Authorization value", what: "Bearer and nothing but whitespace", body: (n) => `Bearer${" ".repeat(n - 6)}` },
  { target: "Authorization value", what: "short runs that fail on length", body: (n) => repeated("Basic a1 ", n) },
  { target: "secret spellings", what: "a secret that almost matches everywhere", body: (n) => "a".repeat(n), secrets: [`${"a".repeat(4096)}b`] },
  {
    target: "secret spellings",
    what: "many secrets, each with four spellings, over a near-miss body",
    body: (n) => repeated("s3cr/t+", n),
    secrets: Array.from({ length: 16 }, (_, i) => `s3cr/t+${i} x`),
  },
  { target: "whitespace", what: "nothing but whitespace", body: (n) => " \n\t".repeat(n / 3) },
];
