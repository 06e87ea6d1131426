/**
 * Generated texts through lib/oauth redaction (redact, excerptOf): no generated secret survives,
 * in any spelling the code claims to handle (lib/oauth/redaction.ts):
 * - a secret the caller names (client secret, refresh token sent…), anywhere in any text, as
 *   written, URL-encoded, form-encoded or JSON-escaped;
 * - a secret the caller does not know, where the code claims to recognise it: the value of a
 *   secret-named JSON pair or form pair, the credentials after `Bearer ` / `Basic `, a JWT.
 * Around it: random text (for unknown secrets, without quotes, backslashes and pair delimiters,
 * which would change what the pair is).
 */
import fc from "fast-check";
import { excerptOf, redact } from "../../../lib/oauth";
import { formUrlEncode } from "../../../lib/oauth/client-authentication";
import { secretArb, spellings } from "./token-response";

const collapse = (text: string) => text.replace(/\s+/g, " ").trim();

const SECRET_NAMES = [
  "access_token",
  "refresh_token",
  "id_token",
  "client_secret",
  "code",
  "code_verifier",
  "password",
  "api_token",
  "Client-Secret",
  "webhook_url",
  "assertion",
];
const noise = fc.string({ unit: fc.constantFrom(..."abcdefghij XYZ0123456789.,:;!()[]{}<>-_\n\t"), maxLength: 40 });
const anyNoise = fc.string({ maxLength: 40 });

const base64url = (min: number) =>
  fc.string({ unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), minLength: min, maxLength: 40 });
/** RFC 6750 token68 with a digit or symbol (so prose like "Bearer tokenmissing" is not meant). */
const token68 = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/"), minLength: 7, maxLength: 40 }),
    fc.constantFrom(..."0123456789-._~+/"),
    fc.constantFrom("", "=", "=="),
  )
  .map(([body, symbol, padding]) => `${body}${symbol}${padding}`);

export interface RedactionCase {
  text: string;
  /** What must not survive. */
  secret: string;
  /** The secrets the caller passes. */
  known: string[];
  context: string;
}

const knownCase: fc.Arbitrary<RedactionCase> = fc
  .tuple(secretArb, fc.integer({ min: 0, max: 3 }), anyNoise, anyNoise)
  .map(([secret, spelling, before, after]) => ({
    text: `${before}${spellings(secret)[spelling % spellings(secret).length]}${after}`,
    secret,
    known: [secret],
    context: "named by the caller",
  }));

const unknownCases: fc.Arbitrary<RedactionCase>[] = [
  fc.tuple(secretArb, fc.constantFrom(...SECRET_NAMES), fc.constantFrom("", " ", "\n  "), noise, noise).map(([secret, name, space, before, after]) => ({
    text: `${before} {"${name}":${space}${JSON.stringify(secret)}, "x": 1} ${after}`,
    secret,
    known: [],
    context: "JSON pair",
  })),
  fc.tuple(secretArb, fc.constantFrom(...SECRET_NAMES), noise).map(([secret, name, before]) => ({
    text: `${before} {"${name}": ${JSON.stringify(secret).slice(0, -1)}`,
    secret,
    known: [],
    context: "JSON pair, body cut before the closing quote",
  })),
  fc.tuple(secretArb, fc.constantFrom(...SECRET_NAMES), fc.constantFrom("", "&", "?", ";", " "), noise, noise).map(([secret, name, lead, before, after]) => ({
    text: `${lead === "" ? "" : `${before}${lead}`}${name}=${formUrlEncode(secret)}&state=xyz ${after}`,
    secret: formUrlEncode(secret),
    known: [],
    context: "form pair",
  })),
  fc
    .tuple(token68, fc.constantFrom("Bearer", "bearer", "Basic"), noise, noise)
    .map(([secret, scheme, before, after]) => ({ text: `${before} ${scheme} ${secret} ${after}`, secret, known: [], context: "Authorization value" })),
  fc.tuple(base64url(4), base64url(4), base64url(0), noise, noise).map(([header, payload, signature, before, after]) => {
    const secret = `eyJ${header}.${payload}.${signature}`;
    return { text: `${before} ${secret} ${after}`, secret, known: [], context: "JWT" };
  }),
];

export const redactionCaseArb = fc.oneof(knownCase, ...unknownCases);

export function checkRedaction(c: RedactionCase): void {
  const forbidden = [...new Set([...spellings(c.secret), collapse(c.secret)])].filter((s) => s.length >= 8);
  const redacted = redact(c.text, c.known);
  const excerpt = excerptOf(c.text, c.known) ?? "";
  for (const [where, out] of [
    ["redact", redacted],
    ["excerptOf", excerpt],
  ] as const) {
    const leaked = forbidden.find((spelling) => out.includes(spelling));
    if (leaked !== undefined) throw new Error(`${c.context}: ${where} kept ${JSON.stringify(leaked)}`);
  }
}

export const redactionProperty = () => fc.property(redactionCaseArb, checkRedaction);
