/**
 * Keeping secrets out of what an admin sees and what gets logged (SECURITY 10, 26).
 *
 * `redact` replaces, in any text (JSON, form-encoded, HTML, plain):
 * - the value of every secret-named field (`access_token`, `refresh_token`, `id_token`,
 *   `client_secret`, `code`, `code_verifier`, `password`, any `*_token` / `*secret*` /
 *   `*webhook*` name) written as JSON (`"name": "value"`) or as a form pair (`name=value`);
 * - every string in `secrets` (the caller's client secret, code, verifier, refresh token), as
 *   written and in its URL-, form- and JSON-escaped spellings;
 * - anything shaped like a JWT, and the credentials after `Basic ` or `Bearer `.
 * `excerptOf` then collapses whitespace and keeps at most 300 characters.
 */
import { formUrlEncode } from "./client-authentication";

export const REDACTED = "[redacted]";
export const EXCERPT_LENGTH = 300;

const SECRET_NAMES = new Set(["accesstoken", "refreshtoken", "idtoken", "clientsecret", "code", "codeverifier", "password", "secret", "token", "assertion", "clientassertion"]);

/** Whether a response or request field name holds a credential. */
export function isSecretFieldName(name: string): boolean {
  const key = name.toLowerCase();
  const compact = key.replace(/[_\-\s]/g, "");
  return SECRET_NAMES.has(compact) || /(?:^|_)token$/.test(key) || compact.endsWith("token") || compact.includes("secret") || compact.includes("password") || compact.includes("webhook");
}

/** String values of secret-named fields, at any depth. */
export function secretValuesIn(value: unknown, depth = 0): string[] {
  if (depth > 8 || value === null || typeof value !== "object") return [];
  const found: string[] = [];
  for (const [name, inner] of Object.entries(value as Record<string, unknown>)) {
    // Below the top level `code` is an error code ({"error": {"code": "…"}}), not an authorization code.
    const secret = isSecretFieldName(name) && !(depth > 0 && name.toLowerCase() === "code");
    if (secret && typeof inner === "string" && inner !== "") found.push(inner);
    else if (secret && inner !== null && typeof inner === "object") found.push(...allStrings(inner, depth + 1));
    else found.push(...secretValuesIn(inner, depth + 1));
  }
  return found;
}

function allStrings(value: unknown, depth: number): string[] {
  if (typeof value === "string") return value === "" ? [] : [value];
  if (depth > 8 || value === null || typeof value !== "object") return [];
  return Object.values(value as Record<string, unknown>).flatMap((inner) => allStrings(inner, depth + 1));
}

const JSON_PAIR = /"((?:[^"\\]|\\.){1,100})"(\s*:\s*)"(?:[^"\\]|\\.)*"/g;
const FORM_PAIR = /(^|[&?;\s])([A-Za-z0-9_.~%+-]{1,100})=([^&\s"'<]*)/g;
const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
/**
 * RFC 7617 Basic credentials and RFC 6750 §2.1 bearer tokens quoted back in a body: 8+ token
 * characters including a digit or symbol, so prose such as "Bearer token missing" survives.
 */
const AUTHORIZATION_VALUE = /\b(Basic|Bearer)(\s+)(?=[A-Za-z0-9\-._~+/]*[0-9\-._~+/=])[A-Za-z0-9\-._~+/]{8,}=*/gi;

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(JSON_PAIR, (pair, name: string, colon: string) => (isSecretFieldName(name) ? `"${name}"${colon}"${REDACTED}"` : pair));
  out = out.replace(FORM_PAIR, (pair, lead: string, name: string) => (isSecretFieldName(safeDecode(name)) ? `${lead}${name}=${REDACTED}` : pair));
  for (const spelling of spellingsOf(secrets)) out = out.split(spelling).join(REDACTED);
  return out.replace(JWT_SHAPE, REDACTED).replace(AUTHORIZATION_VALUE, (_match, scheme: string, space: string) => `${scheme}${space}${REDACTED}`);
}

/** At most 300 characters of a body, redacted first (so a secret cut in half cannot survive), whitespace collapsed. */
export function excerptOf(body: string, secrets: readonly string[] = []): string | null {
  return shorten(redact(body, secrets));
}

/** Redacted, whitespace collapsed, at most 300 characters; null when nothing is left. */
export function shorten(text: string): string | null {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat === "") return null;
  return flat.length <= EXCERPT_LENGTH ? flat : `${flat.slice(0, EXCERPT_LENGTH - 1)}…`;
}

function spellingsOf(secrets: readonly string[]): string[] {
  const spellings = new Set<string>();
  for (const secret of secrets) {
    if (secret === "") continue;
    spellings.add(secret);
    spellings.add(encodeURIComponent(secret));
    spellings.add(formUrlEncode(secret));
    spellings.add(JSON.stringify(secret).slice(1, -1));
  }
  // Longest first, so a secret that contains another is replaced whole.
  return [...spellings].filter((s) => s !== "").sort((a, b) => b.length - a.length);
}

function safeDecode(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, " "));
  } catch {
    return name;
  }
}
