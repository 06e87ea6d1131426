/**
 * Keeping secrets out of what an admin sees and what gets logged (SECURITY 10, 26), in time
 * linear in the text (SECURITY 30).
 *
 * `redact` replaces, in any text (JSON, form-encoded, HTML, plain):
 * - the value of every secret-named field (`access_token`, `refresh_token`, `id_token`,
 *   `client_secret`, `code`, `code_verifier`, `password`, any `*_token` / `*secret*` /
 *   `*webhook*` name) written as JSON (`"name": "value"`, also when the body ends before the
 *   closing quote) or as a form pair (`name=value`);
 * - every string in `secrets` (the caller's client secret, code, verifier, refresh token), as
 *   written and in its URL-, form- and JSON-escaped spellings;
 * - anything shaped like a JWT, and the credentials after `Basic ` or `Bearer `.
 * `excerptOf` then collapses whitespace and keeps at most 300 characters.
 *
 * A vendor writes every byte of the bodies redacted here (token errors up to 1 MiB, test
 * request answers up to 256 KiB), so every step runs in time linear in the text: no pattern has
 * quantifiers that can match the same characters two ways, and the credential shapes are found
 * by small scanners (credential-shapes.ts). Bodies are cut before they are redacted
 * (`redactHead`, `excerptOf`), hiding whatever the cut split (cut-tail.ts).
 */
import { formUrlEncode } from "./client-authentication";
import { markAuthorizationValues, markJwts } from "./credential-shapes";
import { cutStart } from "./cut-tail";
import { Spans } from "./spans";

export const REDACTED = "[redacted]";
export const EXCERPT_LENGTH = 300;
/**
 * How much of a body (whitespace collapsed) is redacted for an excerpt. Far more than the 300
 * characters shown, so a secret that starts inside the excerpt ends long before the cut.
 */
export const EXCERPT_WINDOW = 16 * 1024;
/**
 * At most this many distinct secrets are looked for in their four spellings (the caller's come
 * first). Each one costs a pass over the text; a vendor body with thousands of secret-named
 * fields would otherwise make redaction quadratic. Values inside secret-named fields are still
 * redacted by the field patterns beyond this number.
 */
export const MAX_SECRETS = 128;

const SECRET_NAMES = new Set([
  "accesstoken",
  "refreshtoken",
  "idtoken",
  "clientsecret",
  "code",
  "codeverifier",
  "password",
  "secret",
  "token",
  "assertion",
  "clientassertion",
]);

/** Whether a response or request field name holds a credential. */
export function isSecretFieldName(name: string): boolean {
  const key = name.toLowerCase();
  const compact = key.replace(/[_\-\s]/g, "");
  return (
    SECRET_NAMES.has(compact) ||
    /(?:^|_)token$/.test(key) ||
    compact.endsWith("token") ||
    compact.includes("secret") ||
    compact.includes("password") ||
    compact.includes("webhook")
  );
}

/** String values of secret-named fields, at any depth. */
export function secretValuesIn(value: unknown): string[] {
  const found: string[] = [];
  collectSecretValues(value, 0, found);
  return found;
}

function collectSecretValues(value: unknown, depth: number, found: string[]): void {
  if (depth > 8 || value === null || typeof value !== "object") return;
  for (const [name, inner] of Object.entries(value as Record<string, unknown>)) {
    // Below the top level `code` is an error code ({"error": {"code": "…"}}), not an authorization code.
    const secret = isSecretFieldName(name) && !(depth > 0 && name.toLowerCase() === "code");
    if (secret && typeof inner === "string" && inner !== "") found.push(inner);
    else if (secret && inner !== null && typeof inner === "object") collectStrings(inner, depth + 1, found);
    else collectSecretValues(inner, depth + 1, found);
  }
}

// Pushing one by one: spreading a 200,000-element array into push() overflows the stack.
function collectStrings(value: unknown, depth: number, found: string[]): void {
  if (typeof value === "string") {
    if (value !== "") found.push(value);
    return;
  }
  if (depth > 8 || value === null || typeof value !== "object") return;
  for (const inner of Object.values(value as Record<string, unknown>)) collectStrings(inner, depth + 1, found);
}

/**
 * A JSON pair: quoted name (at most 100 characters or escapes), colon, quoted value. Linear:
 * - a quote right after a backslash never opens a name (in JSON it is escaped, inside a string),
 *   so no two names scan the same characters;
 * - the name is read inside a lookahead and matched again by reference, which JavaScript treats
 *   as atomic: when no quote follows it the attempt ends at once instead of backing off;
 * - a value stops at its first unescaped quote, so no two values scan the same characters, and
 *   a value the text ends in (a cut body) counts as a value too;
 * - the quote that ends a value is not consumed: in text that is not quite JSON (`{"":{":":…`)
 *   a misread pair may end on the quote that opens the next name, which must still be found.
 */
const JSON_PAIR = /(?<!\\)"(?=((?:[^"\\]|\\[\s\S]){1,100}))\1"(\s*:\s*)"((?:[^"\\]|\\[\s\S])*\\?)(?="|$)/g;
/**
 * A form pair's name and "=" after a delimiter; the name is bounded. The search goes on right
 * after the "=", so a pair inside another pair's value is found too (`;` starts a pair but may
 * sit in a value: "a=x;access_token=…", "next=/cb?code=…").
 */
const FORM_NAME = /(^|[&?;\s])([A-Za-z0-9_.~%+-]{1,100})=/g;
/** Where a form value ends. */
const FORM_VALUE_END = /[&\s"'<]/;

/**
 * Every place a secret may be is marked in the original text, then each run of marked
 * characters is replaced by one REDACTED (spans.ts): the finders run independently, so their
 * order does not matter.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  const spans = new Spans(text.length);
  markSecrets(text, spellingsOf(secrets), spans);
  return spans.replaceIn(text, REDACTED);
}

function markSecrets(text: string, spellings: readonly string[], spans: Spans): void {
  const mark = (start: number, end: number) => spans.add(start, end);
  forEachMatch(text, JSON_PAIR, ({ index }, name = "", colon = "", value = "") => {
    const valueStart = index + name.length + colon.length + 3;
    if (isSecretFieldName(name)) mark(valueStart, valueStart + value.length);
  });
  // Values nest, so where a value ends is searched for only when the last end found lies before
  // the value: the search only moves forward, and 100,000 nested pairs cost one pass.
  const valueEndSearch = new RegExp(FORM_VALUE_END.source, "g");
  let valueEnd = -1;
  forEachMatch(text, FORM_NAME, ({ index }, lead = "", name = "") => {
    const valueStart = index + lead.length + name.length + 1;
    if (!isSecretFieldName(decodeFormName(name))) return;
    if (valueEnd < valueStart) {
      valueEndSearch.lastIndex = valueStart;
      valueEnd = valueEndSearch.exec(text)?.index ?? text.length;
    }
    mark(valueStart, valueEnd);
  });
  for (const spelling of spellings) {
    for (let at = text.indexOf(spelling); at !== -1; at = text.indexOf(spelling, at + spelling.length)) mark(at, at + spelling.length);
  }
  markJwts(text, mark);
  markAuthorizationValues(text, mark);
}

/** Calls `found` with every match of a global pattern and its groups (an exec loop: cheaper than String#replace with a function). */
function forEachMatch(text: string, pattern: RegExp, found: (match: RegExpExecArray, ...groups: (string | undefined)[]) => void): void {
  const search = new RegExp(pattern.source, pattern.flags);
  for (let match = search.exec(text); match !== null; match = search.exec(text)) found(match, ...match.slice(1));
}

/**
 * The first `max` characters of `text`, redacted. Cut first, so the work is bounded; what the cut
 * may have split (cut-tail.ts) is hidden with the rest, so the text then ends in REDACTED. `cut`
 * says the text was already cut short before it got here (a capped read).
 */
export function redactHead(
  text: string,
  max: number,
  secrets: readonly string[] = [],
  { cut = false }: { cut?: boolean } = {},
): { text: string; truncated: boolean } {
  const truncated = cut || text.length > max;
  const head = text.length > max ? text.slice(0, max) : text;
  const spellings = spellingsOf(secrets);
  const spans = new Spans(head.length);
  markSecrets(head, spellings, spans);
  if (truncated) spans.add(cutStart(head, spellings), head.length);
  return { text: spans.replaceIn(head, REDACTED), truncated };
}

/** At most 300 characters of a body, redacted before it is shortened (so a secret cut in half cannot survive), whitespace collapsed. */
export function excerptOf(body: string, secrets: readonly string[] = []): string | null {
  // Collapsed before the cut, so that the window holds at least as much as an excerpt shows;
  // secrets are then looked for with their whitespace collapsed too.
  const flat = collapseWhitespace(body);
  const withCollapsed = secrets.flatMap((secret) => [secret, collapseWhitespace(secret)]);
  return shorten(redactHead(flat, EXCERPT_WINDOW, withCollapsed).text);
}

/** Redacted, whitespace collapsed, at most 300 characters; null when nothing is left. */
export function shorten(text: string): string | null {
  const flat = collapseWhitespace(text).trim();
  if (flat === "") return null;
  return flat.length <= EXCERPT_LENGTH ? flat : `${flat.slice(0, EXCERPT_LENGTH - 1)}…`;
}

function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ");
}

function spellingsOf(secrets: readonly string[]): string[] {
  const spellings = new Set<string>();
  const distinct = [...new Set(secrets.filter((secret) => secret !== ""))].slice(0, MAX_SECRETS);
  for (const secret of distinct) {
    spellings.add(secret);
    spellings.add(encodeURIComponent(secret));
    spellings.add(formUrlEncode(secret));
    spellings.add(JSON.stringify(secret).slice(1, -1));
  }
  return [...spellings].filter((spelling) => spelling !== "");
}

/**
 * A form field name, `+` and percent-escapes decoded. Never throws: a malformed escape stays as
 * written and invalid UTF-8 becomes U+FFFD (decodeURIComponent throws instead, and a body of
 * 300,000 "&%=" made that cost almost a second).
 */
function decodeFormName(name: string): string {
  const text = name.replace(/\+/g, " ");
  if (!text.includes("%")) return text;
  // One character per byte (FORM_NAME names are ASCII); UTF-8 is decoded only if a byte needs it.
  let bytes = "";
  let ascii = true;
  for (let at = 0; at < text.length; at++) {
    const high = hexValue(text.charCodeAt(at + 1));
    const low = hexValue(text.charCodeAt(at + 2));
    if (text[at] === "%" && high >= 0 && low >= 0) {
      const byte = high * 16 + low;
      ascii &&= byte < 0x80;
      bytes += String.fromCharCode(byte);
      at += 2;
    } else {
      bytes += text[at];
    }
  }
  return ascii ? bytes : UTF8.decode(Uint8Array.from(bytes, (char) => char.charCodeAt(0)));
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

const UTF8 = new TextDecoder();
