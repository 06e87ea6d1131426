/**
 * One short line about an unexpected error, safe for the server log (SECURITY 10).
 *
 * Error messages are not safe to log whole. Prisma's quote the call they come from: a
 * validation error prints every argument (sealed ciphertexts, tokens, URLs), a request error can
 * print the source lines around the call, a raw query error the database's message (which
 * quotes the value it refused). The database drivers' own errors do the same. So:
 * - database errors (Prisma's, the driver adapter's, pg's, better-sqlite3's) are described by
 *   class and code only: "PrismaClientKnownRequestError P2002 (Connector)";
 * - any other error by class and the first line of its message, cut short, with credentials,
 *   sealed values and URL paths and queries removed: "TypeError: fetch failed".
 * The stack is never logged: its frames name files, not data, but a message is part of it.
 */
import { redact, REDACTED } from "../oauth/redaction";

/** How much of a message's first line is kept. */
export const MESSAGE_LENGTH = 200;
/** Redaction runs over a bounded prefix only, so a huge message costs bounded time. */
const SCAN_LENGTH = 2_000;

/** Our sealed values (lib/crypto/seal.ts): `v1.<key id>.<nonce>.<ciphertext>`. */
const SEALED_VALUE = /\bv1\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+/g;
/** Our API keys (lib/api-keys/key-format.ts): the prefix is public, the rest is the secret. */
const API_KEY = /\b(lk_[0-9a-f]{8}_)[A-Za-z0-9_-]+/g;
/** Absolute URLs: kept down to scheme and host, since paths and queries carry signed or secret parts (webhook URLs, codes). */
const URL_SHAPE = /\b([a-z][a-z0-9+.-]{0,20}:\/\/)([^\s/?#"'<>]{1,255})[^\s"'<>]*/gi;

type ErrorLike = { name?: unknown; code?: unknown; errorCode?: unknown; meta?: unknown; cause?: unknown; severity?: unknown };

function nameOf(error: object): string {
  const name = (error as ErrorLike).name;
  return typeof name === "string" && /^[A-Za-z0-9_$.]{1,60}$/.test(name) ? name : "Error";
}

/** A short identifier-like code (P2002, 23505, SQLITE_BUSY, ECONNRESET), or null. */
function codeOf(value: unknown): string | null {
  return typeof value === "string" && /^[A-Za-z0-9_]{1,40}$/.test(value) ? value : null;
}

/** Class and code of an error that comes from the database layer, or null for any other error. */
function describeDatabaseError(error: object): string | null {
  const name = nameOf(error);
  const fields = error as ErrorLike;
  if (name.startsWith("PrismaClient")) {
    const code = codeOf(fields.code) ?? codeOf(fields.errorCode);
    const model = (fields.meta as { modelName?: unknown } | undefined)?.modelName;
    return [name, code, typeof model === "string" && /^\w{1,60}$/.test(model) ? `(${model})` : null].filter(Boolean).join(" ");
  }
  if (name === "DriverAdapterError") {
    const cause = fields.cause as { kind?: unknown; originalCode?: unknown } | undefined;
    return [name, codeOf(cause?.kind), codeOf(cause?.originalCode)].filter(Boolean).join(" ");
  }
  // better-sqlite3's SqliteError, and pg's DatabaseError (a `severity` and a five-character SQLSTATE code).
  if (name === "SqliteError" || (typeof fields.severity === "string" && typeof fields.code === "string" && /^[0-9A-Z]{5}$/.test(fields.code))) {
    return [name === "SqliteError" ? name : "DatabaseError", codeOf(fields.code)].filter(Boolean).join(" ");
  }
  return null;
}

/** The first line of a message, bounded, without credentials, sealed values or URL paths, then cut to MESSAGE_LENGTH. */
export function safeMessageLine(message: string): string {
  const firstLine = message.trimStart().split("\n", 1)[0] ?? "";
  const scanned = redact(firstLine.slice(0, SCAN_LENGTH))
    .replace(SEALED_VALUE, REDACTED)
    .replace(API_KEY, (_key, prefix: string) => `${prefix}${REDACTED}`)
    .replace(URL_SHAPE, (_url, scheme: string, authority: string) => `${scheme}${authority.slice(authority.lastIndexOf("@") + 1)}/…`)
    .trim();
  return scanned.length <= MESSAGE_LENGTH ? scanned : `${scanned.slice(0, MESSAGE_LENGTH - 1)}…`;
}

/** One line for the log: "PrismaClientKnownRequestError P2002 (User)", "TypeError: <first line>", or "non-error thrown (string)". */
export function describeError(error: unknown): string {
  if (error === null || typeof error !== "object") return `non-error thrown (${error === null ? "null" : typeof error})`;
  const database = describeDatabaseError(error);
  if (database !== null) return database;
  const name = nameOf(error);
  const code = codeOf((error as ErrorLike).code);
  const label = code ? `${name} ${code}` : name;
  const message = error instanceof Error ? safeMessageLine(error.message) : "";
  return message ? `${label}: ${message}` : label;
}
