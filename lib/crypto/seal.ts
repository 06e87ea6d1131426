/**
 * Sealing secrets at rest with AES-256-GCM (SECURITY 7).
 *
 * Format: `v1.<keyId>.<nonce>.<ciphertext+tag>`, base64url parts, a fresh 96-bit nonce per
 * seal. The associated data names the record and field (`Connector:<id>:clientSecret`), so a
 * ciphertext copied into another row or column fails authentication instead of decrypting.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { KeyRing } from "./key-ring";

const VERSION = "v1";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** What a sealed value belongs to; becomes the GCM associated data. */
export interface SealContext {
  model: string;
  id: string;
  field: string;
}

export class UnsealError extends Error {
  override name = "UnsealError";
}

function associatedData({ model, id, field }: SealContext): Buffer {
  return Buffer.from(`latchkey/${VERSION}/${model}:${id}:${field}`, "utf8");
}

export function seal(ring: KeyRing, context: SealContext, plaintext: string): string {
  const key = ring.keys.get(ring.currentId);
  if (!key) throw new UnsealError("the current encryption key is missing from the key ring");
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(context));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, ring.currentId, nonce.toString("base64url"), body.toString("base64url")].join(".");
}

/** The key id a sealed value was written with, or null when the value is not in our format. */
export function sealedKeyId(sealed: string): string | null {
  const parts = sealed.split(".");
  return parts.length === 4 && parts[0] === VERSION ? (parts[1] ?? null) : null;
}

export function unseal(ring: KeyRing, context: SealContext, sealed: string): string {
  const [version, keyId, nonceText, bodyText, ...rest] = sealed.split(".");
  if (version !== VERSION || !keyId || !nonceText || !bodyText || rest.length > 0) {
    throw new UnsealError(`${context.model}.${context.field}: not a sealed value`);
  }
  // A key id we do not hold may have been added by a rotation in another process since we loaded the ring.
  const key = ring.keys.get(keyId) ?? (ring.reload?.() ? ring.keys.get(keyId) : undefined);
  if (!key) throw new UnsealError(`${context.model}.${context.field}: sealed with key "${keyId}", which is not in the key ring`);
  const nonce = Buffer.from(nonceText, "base64url");
  const body = Buffer.from(bodyText, "base64url");
  if (nonce.length !== NONCE_BYTES || body.length < TAG_BYTES) {
    throw new UnsealError(`${context.model}.${context.field}: sealed value is truncated`);
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(context));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    // Wrong key, tampered bytes, or a ciphertext moved from another row/field.
    throw new UnsealError(`${context.model}.${context.field}: sealed value failed authentication`);
  }
}
