/**
 * Processing token endpoint responses (RFC 6749 §5.1 success, §5.2 error), tolerant of the
 * deviations in VENDOR-QUIRKS.md:
 *
 * - JSON or form-encoded bodies (GitHub), decided by content type, then by sniffing.
 * - Failure is decided by the body, whatever the status: an `error` field (GitHub sends it with
 *   HTTP 200) or `ok: false` (Slack). Then by the status. See error-classification.ts.
 * - `expires_in` as a number or numeric string; `token_type` missing or in any case (kept as
 *   sent); scopes separated by spaces or commas. See expiry.ts for the expiry rules.
 * - Slack: when the top level has no `access_token` but `authed_user` does (a user-token-only
 *   install), the token is read from `authed_user`. `tokenPath` (dotted, e.g. "authed_user")
 *   picks a nested object explicitly, for Slack installs that want the user token although a
 *   bot token is present too.
 * - A 2xx without `access_token`, an HTML page, invalid JSON: malformed_response, never a
 *   TokenSet, so nothing stored changes (SECURITY 24). The same on a 5xx: server_error,
 *   retryable. 429 and 503 honour Retry-After.
 *
 * Nothing secret leaves in an OAuthError: the excerpt, description and vendor error are redacted.
 */
import { classifyVendorError, messageFor, RETRYABLE, statusClass } from "./error-classification";
import { expiresAtOf, lifetimeSeconds } from "./expiry";
import { excerptOf, isSecretFieldName, redact, secretValuesIn } from "./redaction";
import { headerValue, readResponseBody, type ResponseBody } from "./response-body";
import { parseRetryAfter } from "./retry-after";
import type { HttpResponse, OAuthError, OAuthErrorCode, TokenResult, TokenSet } from "./types";

/** Where vendors say how long the refresh token lives, in seconds (RFC 6749 has no field for it). */
const REFRESH_LIFETIME_FIELDS = ["refresh_token_expires_in", "x_refresh_token_expires_in"];

function refreshTokenExpiresAt(source: Record<string, unknown>, now: Date): Date | null {
  for (const field of REFRESH_LIFETIME_FIELDS) {
    const seconds = lifetimeSeconds(source[field]);
    if (seconds !== null) return new Date(now.getTime() + seconds * 1000);
  }
  return null;
}

export interface ParseOptions {
  /** Strings to redact wherever they appear (client secret, code, verifier, refresh token). */
  secrets?: readonly string[];
  /** Dotted path to the object holding access_token, e.g. "authed_user" (Slack). */
  tokenPath?: string | null;
}

/** Fields the TokenSet carries in typed form; everything else non-secret goes to `extra`. */
const TYPED_FIELDS = new Set(["access_token", "refresh_token", "id_token", "token_type", "expires_in", "scope", "ok", ...REFRESH_LIFETIME_FIELDS]);

export function parseTokenResponse(response: HttpResponse, now: Date = new Date(), options: ParseOptions = {}): TokenResult {
  const body = readResponseBody(response.headers, response.body);
  const secrets = [...(options.secrets ?? []), ...(body.kind === "object" ? secretValuesIn(body.fields) : [])];
  if (body.kind !== "object") return { ok: false, error: unreadableBodyError(response, body, now, secrets) };

  const failure = vendorFailure(body.fields);
  if (failure || !isSuccessStatus(response.status)) {
    return { ok: false, error: errorFromFields(response, body.fields, failure, now, secrets) };
  }

  const source = tokenSource(body.fields, options.tokenPath ?? null);
  if (!source) {
    return { ok: false, error: oauthError("malformed_response", response, now, secrets, { detail: "it has no access_token" }) };
  }
  const accessToken = source.access_token as string;
  const token: TokenSet = {
    accessToken,
    tokenType: nonEmptyString(source.token_type),
    expiresAt: expiresAtOf(source.expires_in, accessToken, now),
    refreshToken: nonEmptyString(source.refresh_token),
    refreshTokenExpiresAt: refreshTokenExpiresAt(source, now),
    scopes: scopesOf(source.scope),
    // Typed fields read from a nested source stay visible at the top level (Slack's bot scope).
    extra: extraFields(body.fields, source === body.fields ? TYPED_FIELDS : new Set(["ok"]), secrets),
  };
  return { ok: true, token };
}

/**
 * The OAuthError for any failed response, classified by body then status. Used for token,
 * refresh and revocation responses alike.
 */
export function errorFromResponse(response: HttpResponse, now: Date, secrets: readonly string[] = []): OAuthError {
  const body = readResponseBody(response.headers, response.body);
  const allSecrets = [...secrets, ...(body.kind === "object" ? secretValuesIn(body.fields) : [])];
  if (body.kind !== "object") return unreadableBodyError(response, body, now, allSecrets);
  return errorFromFields(response, body.fields, vendorFailure(body.fields), now, allSecrets);
}

/** The vendor's own failure signal: a non-empty `error`, or `ok: false`. */
export function vendorFailure(fields: Record<string, unknown>): { vendorError: string | null; description: string | null } | null {
  const error = fields.error;
  let vendorError: string | null = null;
  let description = nonEmptyString(fields.error_description);
  if (typeof error === "string" && error.trim() !== "") {
    vendorError = error.trim();
  } else if (error !== null && typeof error === "object" && !Array.isArray(error)) {
    // { "error": { "code": "…", "message": "…" } } as some API gateways answer.
    const nested = error as Record<string, unknown>;
    vendorError =
      nonEmptyString(nested.error) ??
      nonEmptyString(nested.status) ??
      nonEmptyString(nested.code) ??
      (typeof nested.code === "number" ? String(nested.code) : null) ??
      "error";
    description ??= nonEmptyString(nested.message) ?? nonEmptyString(nested.error_description);
  }
  const okFalse = fields.ok === false || fields.ok === "false";
  return vendorError !== null || okFalse ? { vendorError, description } : null;
}

function errorFromFields(
  response: HttpResponse,
  fields: Record<string, unknown>,
  failure: { vendorError: string | null; description: string | null } | null,
  now: Date,
  secrets: readonly string[],
): OAuthError {
  const code = failure ? classifyVendorError(failure.vendorError, response.status) : statusClass(response.status);
  return oauthError(code, response, now, secrets, {
    vendorError: failure?.vendorError ?? null,
    description: failure?.description ?? null,
  });
}

function unreadableBodyError(response: HttpResponse, body: Exclude<ResponseBody, { kind: "object" }>, now: Date, secrets: readonly string[]): OAuthError {
  const detail = {
    empty: "the body is empty",
    html: "it is an HTML page",
    invalid_json: "it is not valid JSON",
    not_an_object: "it is JSON but not an object",
    text: "it is plain text",
  }[body.kind];
  const code = isSuccessStatus(response.status) ? "malformed_response" : statusClass(response.status);
  return oauthError(code, response, now, secrets, { detail });
}

function oauthError(
  code: OAuthErrorCode,
  response: HttpResponse,
  now: Date,
  secrets: readonly string[],
  { vendorError = null, description = null, detail }: { vendorError?: string | null; description?: string | null; detail?: string },
): OAuthError {
  const retryable = RETRYABLE.has(code);
  const showDetail = code === "malformed_response" || code === "server_error";
  return {
    code,
    message: messageFor(code, response.status, showDetail ? detail : undefined),
    // Through excerptOf, which cuts before redacting: a description can be as long as the body.
    vendorError: vendorError === null ? null : excerptOf(vendorError, secrets),
    description: description === null ? null : excerptOf(description, secrets),
    httpStatus: response.status,
    excerpt: excerptOf(response.body, secrets),
    retryable,
    retryAfterSeconds: retryable ? parseRetryAfter(headerValue(response.headers, "retry-after"), now) : null,
  };
}

function tokenSource(fields: Record<string, unknown>, tokenPath: string | null): Record<string, unknown> | null {
  if (tokenPath) {
    let current: unknown = fields;
    for (const step of tokenPath.split(".")) {
      current = isRecord(current) && Object.hasOwn(current, step) ? current[step] : undefined;
    }
    return isRecord(current) && nonEmptyString(current.access_token) ? current : null;
  }
  if (nonEmptyString(fields.access_token)) return fields;
  // Slack oauth.v2.access for a user-token-only install.
  const authedUser = fields.authed_user;
  return isRecord(authedUser) && nonEmptyString(authedUser.access_token) ? authedUser : null;
}

function scopesOf(value: unknown): string[] | null {
  if (typeof value === "string") return value.split(/[\s,]+/).filter((scope) => scope !== "");
  if (Array.isArray(value) && value.every((scope) => typeof scope === "string")) return value.filter((scope) => scope !== "");
  return null;
}

/** Non-secret fields, at any depth, minus the typed ones; values equal to a known secret dropped too. */
/** Shorter strings than this are too likely to occur by chance inside ordinary values. */
const MIN_EMBEDDED_SECRET_LENGTH = 8;

function extraFields(fields: Record<string, unknown>, typed: ReadonlySet<string>, secrets: readonly string[]): Record<string, unknown> {
  const known = new Set(secrets);
  // A secret quoted inside a longer value (a URL carrying the code, a message echoing the token) is redacted where it stands.
  const embedded = secrets.filter((secret) => secret.length >= MIN_EMBEDDED_SECRET_LENGTH);
  const clean = (value: unknown, depth: number): unknown => {
    if (typeof value === "string") return known.has(value) ? undefined : embedded.some((secret) => value.includes(secret)) ? redact(value, embedded) : value;
    if (value === null || typeof value !== "object") return value;
    if (depth > 8) return undefined;
    if (Array.isArray(value)) return value.map((item) => clean(item, depth + 1)).filter((item) => item !== undefined);
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([name]) => !isSecretFieldName(name))
      .map(([name, inner]) => [name, clean(inner, depth + 1)] as const)
      .filter(([, inner]) => inner !== undefined);
    return Object.fromEntries(entries);
  };
  const top = Object.entries(fields).filter(([name]) => !typed.has(name));
  return clean(Object.fromEntries(top), 0) as Record<string, unknown>;
}

function isSuccessStatus(status: number): boolean {
  return status >= 200 && status < 300;
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
