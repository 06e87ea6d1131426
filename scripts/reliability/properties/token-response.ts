/**
 * Generated token endpoint responses through lib/oauth parseTokenResponse, the parser every
 * vendor answer goes through. What it promises (lib/oauth/token-response.ts):
 * - it never throws, whatever the status, headers and body;
 * - a failure always carries one of the known OAuthErrorCodes (so the lifecycle can classify it);
 * - nothing secret leaves in an OAuthError: the excerpt, description and vendor error are
 *   redacted. "Secret" here means what the code says it redacts: the caller's secrets (client
 *   secret, refresh token sent) in any of their four spellings, and the values of secret-named
 *   fields (access_token, refresh_token, id_token…) of the body;
 * - a success's `extra` (stored in the clear) holds no field whose value is one of them.
 *
 * Shared by scripts/reliability (counted in RELIABILITY.md) and test/fuzz/token-response.test.ts.
 */
import fc from "fast-check";
import { FAILURE_CLASSES, parseTokenResponse, type HttpResponse, type OAuthErrorCode } from "../../../lib/oauth";
import { formUrlEncode } from "../../../lib/oauth/client-authentication";

const KNOWN_CODES = new Set(Object.keys(FAILURE_CLASSES) as OAuthErrorCode[]);

/** The spellings redaction claims to handle (lib/oauth/redaction.ts spellingsOf). */
export function spellings(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), formUrlEncode(secret), JSON.stringify(secret).slice(1, -1)])];
}

/**
 * Secrets: 12 to 40 characters with at least six distinct ones, so one cannot turn up in a text
 * by chance; some only letters and digits, some with the characters encodings change
 * (+ / = % & " \ space, non-ASCII).
 */
export const secretArb = fc
  .oneof(
    fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"), minLength: 12, maxLength: 40 }),
    fc.string({ unit: fc.constantFrom(...'abcdefXYZ0189+/=%&"\\ :;?#-._~é€'), minLength: 12, maxLength: 40 }),
  )
  .filter((s) => new Set(s).size >= 6 && s.trim() === s);

const vendorErrors = fc.oneof(
  fc.constantFrom(
    "invalid_grant",
    "invalid_client",
    "invalid_scope",
    "unauthorized_client",
    "server_error",
    "temporarily_unavailable",
    "bad_refresh_token",
    "ratelimited",
    "internal_error",
    "slow_down",
    "access_denied",
  ),
  fc.string({ maxLength: 40 }),
  fc.record({ code: fc.oneof(fc.string({ maxLength: 20 }), fc.integer()), message: fc.string({ maxLength: 60 }) }),
);

const lifetimes = fc.oneof(
  fc.integer({ min: -10, max: 10 ** 9 }),
  fc.integer({ min: 0, max: 100_000 }).map(String),
  fc.constantFrom("3600", " 60 ", "1e3", "NaN", "", null, true),
  fc.double(),
);

export interface GeneratedResponse {
  response: HttpResponse;
  /** What the caller passes as known secrets (ParseOptions.secrets). */
  callerSecrets: string[];
  /** Values of secret-named fields placed in the body. */
  fieldSecrets: string[];
}

const jsonLike = (callerSecrets: string[], fieldSecrets: string[]) =>
  fc
    .record(
      {
        access_token: fc.constantFrom(...fieldSecrets),
        refresh_token: fc.constantFrom(...fieldSecrets),
        id_token: fc.constantFrom(...fieldSecrets),
        token_type: fc.constantFrom("Bearer", "bearer", "bot", ""),
        expires_in: lifetimes,
        refresh_token_expires_in: lifetimes,
        scope: fc.oneof(fc.string({ maxLength: 30 }), fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 })),
        error: vendorErrors,
        error_description: fc.oneof(
          fc.string({ maxLength: 60 }),
          fc.constantFrom(...callerSecrets).map((s) => `the refresh token ${s} is not valid`),
        ),
        ok: fc.constantFrom(true, false, "false"),
        authed_user: fc.record({ access_token: fc.constantFrom(...fieldSecrets), scope: fc.string({ maxLength: 10 }) }, { requiredKeys: [] }),
        instance_url: fc.webUrl(),
        nested: fc.record({ client_secret: fc.constantFrom(...fieldSecrets), note: fc.string({ maxLength: 20 }) }, { requiredKeys: [] }),
        echo: fc.constantFrom(...callerSecrets),
      },
      { requiredKeys: [] },
    )
    .chain((fields) => fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }).map((more) => ({ ...more, ...fields })));

/** A body in one of the shapes vendors, proxies and broken networks produce. */
function bodyArb(callerSecrets: string[], fieldSecrets: string[]): fc.Arbitrary<string> {
  const object = jsonLike(callerSecrets, fieldSecrets);
  return fc.oneof(
    object.map((value) => JSON.stringify(value)),
    object.map((value) => JSON.stringify(value, null, 2)),
    // Cut anywhere: a malformed body may end inside a secret-named field's value.
    fc.tuple(object, fc.nat()).map(([value, at]) => {
      const text = JSON.stringify(value);
      return text.slice(0, at % (text.length + 1));
    }),
    // GitHub's form-encoded answers.
    object.map((value) => new URLSearchParams(Object.entries(value).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : []))).toString()),
    fc
      .tuple(fc.constantFrom(...callerSecrets), fc.string({ maxLength: 40 }))
      .map(([secret, text]) => `<!doctype html><html><body><h1>Bad request</h1><p>${text} ${secret}</p></body></html>`),
    fc.tuple(fc.constantFrom(...callerSecrets), fc.string({ maxLength: 40 })).map(([secret, text]) => `${text} refresh_token=${formUrlEncode(secret)} ${text}`),
    fc.string({ maxLength: 200 }),
    fc.constantFrom("", "   ", "\uFEFF{}", "null", "[]", "[1,2]", "42", '"text"', "{", "<", "access_token="),
  );
}

const contentTypes = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "application/x-www-form-urlencoded",
  "text/html; charset=utf-8",
  "text/plain",
  "application/problem+json",
  "text/javascript",
  "",
  "application/octet-stream",
);

/** A well-formed success: the parser must hand back the token and keep secrets out of `extra`. */
const successBody = (callerSecrets: string[], fieldSecrets: string[]) =>
  jsonLike(callerSecrets, fieldSecrets).chain((fields) =>
    fc.constantFrom(...fieldSecrets).map((accessToken) => {
      const success = Object.fromEntries(Object.entries(fields).filter(([name]) => name !== "error" && name !== "ok"));
      return JSON.stringify({ ...success, access_token: accessToken });
    }),
  );

export const responseArb: fc.Arbitrary<GeneratedResponse> = fc
  .record({
    callerSecrets: fc.uniqueArray(secretArb, { minLength: 1, maxLength: 3 }),
    fieldSecrets: fc.uniqueArray(secretArb, { minLength: 1, maxLength: 4 }),
  })
  // No secret inside another: "must not appear" would then be ambiguous.
  .filter(({ callerSecrets, fieldSecrets }) => [...callerSecrets, ...fieldSecrets].every((a, i, all) => all.every((b, j) => i === j || !b.includes(a))))
  .chain(({ callerSecrets, fieldSecrets }) =>
    fc
      .oneof(
        {
          weight: 3,
          arbitrary: fc.record({
            status: fc.oneof(fc.constantFrom(200, 201, 204, 302, 400, 401, 403, 404, 408, 429, 500, 502, 503), fc.integer({ min: 100, max: 599 })),
            contentType: contentTypes,
            body: bodyArb(callerSecrets, fieldSecrets),
          }),
        },
        {
          weight: 1,
          arbitrary: fc.record({
            status: fc.constantFrom(200, 201),
            contentType: fc.constantFrom("application/json", "application/json; charset=utf-8", ""),
            body: successBody(callerSecrets, fieldSecrets),
          }),
        },
      )
      .chain((shape) =>
        fc
          .option(
            fc.oneof(
              fc.nat({ max: 10 ** 7 }).map(String),
              fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
              fc.string({ maxLength: 12 }),
            ),
            { nil: undefined },
          )
          .map((retryAfter) => ({ ...shape, retryAfter })),
      )
      .map(({ status, contentType, retryAfter, body }) => ({
        response: {
          status,
          headers: { ...(contentType ? { "Content-Type": contentType } : {}), ...(retryAfter !== undefined ? { "retry-after": retryAfter } : {}) },
          body,
        },
        callerSecrets,
        fieldSecrets,
      })),
  );

/** Which generated secrets must not appear: the caller's always; a field's only when it is in the body whole (a cut body may hold only part of one). */
function mustNotAppear({ response, callerSecrets, fieldSecrets }: GeneratedResponse): string[] {
  return [...callerSecrets, ...fieldSecrets.filter((secret) => spellings(secret).some((spelling) => response.body.includes(spelling)))];
}

function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value === null || typeof value !== "object") return [];
  return Object.values(value as Record<string, unknown>).flatMap(stringsIn);
}

export function checkTokenResponse(generated: GeneratedResponse): void {
  const result = parseTokenResponse(generated.response, new Date("2026-01-01T00:00:00Z"), { secrets: generated.callerSecrets });
  const forbidden = mustNotAppear(generated).flatMap(spellings);
  if (result.ok) {
    if (typeof result.token.accessToken !== "string" || result.token.accessToken.trim() === "") throw new Error("a success without an access token");
    // What the parser claims for `extra`: no secret-named field and no value equal to a secret.
    // (A secret quoted inside a longer text of a success answer is not looked for there.)
    const values = new Set(stringsIn(result.token.extra));
    const leaked = mustNotAppear(generated).find((secret) => values.has(secret));
    if (leaked !== undefined) throw new Error(`a secret is kept in the stored extra fields: ${JSON.stringify(leaked)}`);
    return;
  }
  const { error } = result;
  if (!KNOWN_CODES.has(error.code)) throw new Error(`unclassified error code ${JSON.stringify(error.code)}`);
  if (error.retryAfterSeconds !== null && !(Number.isFinite(error.retryAfterSeconds) && error.retryAfterSeconds >= 0))
    throw new Error(`retryAfterSeconds ${error.retryAfterSeconds}`);
  for (const [field, text] of Object.entries({
    excerpt: error.excerpt,
    description: error.description,
    vendorError: error.vendorError,
    message: error.message,
  })) {
    const leaked = text === null ? undefined : forbidden.find((spelling) => text.includes(spelling));
    if (leaked !== undefined) throw new Error(`a secret survives in error.${field}: ${JSON.stringify(leaked)}`);
  }
}

export const tokenResponseProperty = () => fc.property(responseArb, checkTokenResponse);
