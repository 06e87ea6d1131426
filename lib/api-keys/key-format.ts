/**
 * API keys for sync workers: `lk_<8 hex prefix>_<32 random bytes, base64url>`.
 *
 * Only the SHA-256 of the whole key is stored. A slow password hash (argon2) is not needed: the
 * key carries 256 random bits, so a stolen hash cannot be brute-forced, and a fast hash keeps the
 * per-request check cheap. Keys are looked up by that hash (a unique index), so no constant-time
 * comparison is needed either: nothing is compared byte by byte against a secret in our code.
 * The prefix is stored in clear so admins can tell keys apart (`lk_1a2b3c4d_…`).
 */
import { createHash, randomBytes } from "node:crypto";

const KEY_SHAPE = /^lk_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedApiKey {
  /** The whole key: shown to the admin once, never stored. */
  key: string;
  prefix: string;
  keyHash: string;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export function generateApiKey(): GeneratedApiKey {
  const prefix = randomBytes(4).toString("hex");
  const key = `lk_${prefix}_${randomBytes(32).toString("base64url")}`;
  return { key, prefix, keyHash: hashApiKey(key) };
}

/** Whether a string has the shape of one of our keys (cheap pre-check before a database lookup). */
export function looksLikeApiKey(value: string): boolean {
  return KEY_SHAPE.test(value);
}

/** How a key is shown after creation: its prefix only. */
export function displayPrefix(prefix: string): string {
  return `lk_${prefix}_…`;
}

export type BearerCredential = { kind: "missing" } | { kind: "malformed" } | { kind: "key"; key: string };

/** Reads `Authorization: Bearer <key>` (RFC 6750 §2.1; the scheme is case-insensitive). */
export function bearerCredential(authorization: string | null): BearerCredential {
  if (authorization === null || authorization.trim() === "") return { kind: "missing" };
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(authorization);
  if (!match?.[1] || !looksLikeApiKey(match[1])) return { kind: "malformed" };
  return { kind: "key", key: match[1] };
}
