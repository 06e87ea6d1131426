/**
 * Property-based: no generated secret survives redaction (SECURITY 10, 26), in any form
 * lib/oauth/redaction.ts claims to handle:
 * - a secret the caller passes, anywhere, as written, URL-encoded, form-encoded or JSON-escaped;
 * - a secret the caller does not know, where the code claims to recognise it: the value of a
 *   secret-named JSON pair (also when the body ends inside it) or form pair, the credentials
 *   after `Bearer ` / `Basic `, a JWT or JWE.
 * Several of them are embedded in one generated body, through `redact`, `excerptOf` and
 * `redactHead` cut at a generated length (a cut may split any of them).
 *
 * Secrets are drawn from upper-case letters, digits, symbols and non-ASCII letters, the body
 * around them from lower-case letters and punctuation. So the property needs no knowledge of
 * where a secret was: once every "[redacted]" is removed, no character that only secrets use may
 * be left. (`_ - . ~ =` and the space occur in secrets but are not counted, as names, pairs and
 * text use them too; each secret holds at least two counted characters.)
 *
 * Reproduce a failure with the seed and path fast-check prints: FC_SEED=… FC_PATH=… npx vitest run <this file>.
 * FC_RUNS=… runs more (or fewer) cases.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { formUrlEncode } from "@/lib/oauth/client-authentication";
import { excerptOf, REDACTED, redact, redactHead } from "@/lib/oauth/redaction";

const RUNS = Number(process.env.FC_RUNS ?? 1_500);
const replay = process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH } : {};

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS = "0123456789";
/** Characters only secrets (and their encodings: %XX, +) contain. */
const SECRET_ONLY = `${UPPER}${DIGITS}+/%!*@$éÄ€`;
const SURVIVOR = new RegExp(`[${SECRET_ONLY.replace(/[/\\^$*+?.()|[\]{}-]/g, "\\$&")}]`);
/** Text around secrets: no quotes (they would change what a JSON pair is), nothing secrets use. */
const TEXT = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz ,:;{}[]()<>'?#&\n\t"), maxLength: 30 });

const counted = (secret: string) => [...secret].filter((char) => SECRET_ONLY.includes(char)).length >= 2;
const secretOf = (alphabet: string, minLength = 8) => fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength: 40 }).filter(counted);

const KNOWN_ALPHABET = `${SECRET_ONLY}_-.~= `;
const SECRET_NAMES = [
  "access_token",
  "refresh_token",
  "id_token",
  "client_secret",
  "code",
  "code_verifier",
  "password",
  "api_token",
  "client-secret",
  "x_webhook_url",
  "assertion",
];

interface Embedded {
  text: string;
  /** The secret when the caller passes it to redaction. */
  known?: string;
  kind: string;
}

const SPELLINGS: [string, (secret: string) => string][] = [
  ["as written", (s) => s],
  ["URL-encoded", encodeURIComponent],
  ["form-encoded", formUrlEncode],
  ["JSON-escaped", (s) => JSON.stringify(s).slice(1, -1)],
];

const embedded: fc.Arbitrary<Embedded> = fc.oneof(
  fc
    .tuple(secretOf(KNOWN_ALPHABET), fc.constantFrom(...SPELLINGS))
    .map(([secret, [how, spell]]) => ({ text: spell(secret), known: secret, kind: `passed secret, ${how}` })),
  fc
    .tuple(fc.constantFrom(...SECRET_NAMES), fc.constantFrom(":", ": ", " :\n  "), secretOf(KNOWN_ALPHABET))
    .map(([name, colon, value]) => ({ text: `"${name}"${colon}${JSON.stringify(value)}`, kind: "JSON pair" })),
  fc
    .tuple(fc.constantFrom("&", "?", ";", " ", "\n"), fc.constantFrom(...SECRET_NAMES), secretOf(KNOWN_ALPHABET))
    .map(([lead, name, value]) => ({ text: `${lead}${name}=${formUrlEncode(value)}`, kind: "form pair" })),
  fc
    .tuple(fc.constantFrom("bearer", "basic"), secretOf(`${UPPER}${DIGITS}-._~+/`), fc.constantFrom(DIGITS[3]!, "+", "/"), fc.constantFrom("", "=", "=="))
    // Schemes in lower case (the match ignores case; upper-case letters are what secrets are made of).
    // A space before the scheme: "xbearer" is not an Authorization phrase.
    .map(([scheme, token, symbol, padding]) => ({ text: ` ${scheme} ${token}${symbol}${padding}`, kind: "Authorization value" })),
  fc
    .tuple(
      secretOf(`${UPPER}${DIGITS}-_`, 4),
      secretOf(`${UPPER}${DIGITS}-_`, 4),
      fc.string({ unit: fc.constantFrom(...`${UPPER}${DIGITS}-_`), maxLength: 40 }),
    )
    .map(([header, payload, signature]) => ({ text: `eyJ${header}.${payload}.${signature}`, kind: "JWT" })),
  fc
    .tuple(
      secretOf(`${UPPER}${DIGITS}-_`, 4),
      fc.constantFrom("", "KEY0ENCRYPTED"),
      fc.array(secretOf(`${UPPER}${DIGITS}-_`, 4), { minLength: 3, maxLength: 3 }),
    )
    // Compact JWE: header, encrypted key (empty with direct encryption), IV, ciphertext, tag.
    .map(([header, key, [iv, ciphertext, tag]]) => ({ text: `eyJ${header}.${key}.${iv}.${ciphertext}.${tag}`, kind: "JWE" })),
);

const body = fc.tuple(fc.array(fc.tuple(TEXT, embedded), { minLength: 1, maxLength: 5 }), TEXT).map(([parts, end]) => ({
  text: parts.map(([before, secret]) => before + secret.text).join("") + end,
  known: parts.flatMap(([, secret]) => (secret.known ? [secret.known] : [])),
  kinds: parts.map(([, secret]) => secret.kind),
}));

const counts = { runs: 0, secrets: 0, byKind: new Map<string, number>(), cutsInsideASecret: 0 };

function expectNothingLeft(out: string, what: string): void {
  const left = out.split(REDACTED).join("");
  const survivor = SURVIVOR.exec(left);
  expect(survivor, `${what}: ${JSON.stringify(out)}`).toBeNull();
}

describe("generated secrets in generated bodies", () => {
  afterAll(() => {
    const kinds = [...counts.byKind].map(([kind, n]) => `${kind} ${n}`).join(", ");
    console.info(`redaction fuzz: ${counts.runs} runs, ${counts.secrets} embedded secrets (${kinds}); ${counts.cutsInsideASecret} cuts fell inside a secret`);
  });

  it(`never survive redact, excerptOf or a cut redactHead (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 400 }), fc.boolean(), ({ text, known, kinds }, cutAt, alreadyCut) => {
        counts.runs++;
        counts.secrets += kinds.length;
        for (const kind of kinds) counts.byKind.set(kind.replace(/,.*/, ""), (counts.byKind.get(kind.replace(/,.*/, "")) ?? 0) + 1);
        const max = Math.min(cutAt, text.length);
        if (SURVIVOR.test(text.slice(max - 1, max + 1))) counts.cutsInsideASecret++;

        expectNothingLeft(redact(text, known), `redact ${JSON.stringify(text)}`);
        expectNothingLeft(excerptOf(text, known) ?? "", `excerptOf ${JSON.stringify(text)}`);
        expectNothingLeft(redactHead(text, max, known, { cut: alreadyCut }).text, `redactHead at ${max} of ${JSON.stringify(text)}`);
      }),
      { numRuns: RUNS, ...replay },
    );
    expect(counts.cutsInsideASecret).toBeGreaterThan(RUNS / 10);
  });
});
