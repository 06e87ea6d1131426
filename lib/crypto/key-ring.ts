/**
 * The encryption key ring: one key encrypts, every listed key can decrypt (SECURITY 8, 9).
 * Written as comma-separated `id:base64` entries, the first being the current encryption key:
 *   LATCHKEY_ENCRYPTION_KEYS="k20261129:BASE64_32_BYTES,k20250101:BASE64_32_BYTES"
 * Rotation: README, "Rotating the encryption key" (scripts/rotate-keys.ts).
 */

export interface KeyRing {
  /** Id of the key used for every new encryption. */
  currentId: string;
  keys: ReadonlyMap<string, Buffer>;
  /**
   * Asked when a stored value names a key id this ring lacks. A ring that can change while the
   * app runs (the key file's, lib/crypto/key-file-ring.ts) reloads and answers whether it did;
   * a ring from the environment cannot change and has none.
   */
  reload?(): boolean;
}

export class KeyRingError extends Error {
  override name = "KeyRingError";
}

export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
export const KEY_BYTES = 32;

export function parseKeyRing(source: string, variable = "LATCHKEY_ENCRYPTION_KEYS"): KeyRing {
  const entries = source
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new KeyRingError(`${variable}: no key given`);
  const keys = new Map<string, Buffer>();
  for (const entry of entries) {
    const separator = entry.indexOf(":");
    const id = separator > 0 ? entry.slice(0, separator) : "";
    const encoded = entry.slice(separator + 1);
    if (!KEY_ID_PATTERN.test(id)) {
      throw new KeyRingError(`${variable}: each key must be written id:base64 with an id of letters, digits, - or _`);
    }
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(encoded)) throw new KeyRingError(`${variable}: key "${id}" is not base64`);
    const key = Buffer.from(encoded, "base64");
    if (key.length !== KEY_BYTES) {
      throw new KeyRingError(`${variable}: key "${id}" is ${key.length} bytes; AES-256 needs exactly ${KEY_BYTES}`);
    }
    if (keys.has(id)) throw new KeyRingError(`${variable}: key id "${id}" appears twice`);
    keys.set(id, key);
  }
  return { currentId: entries[0]!.slice(0, entries[0]!.indexOf(":")), keys };
}
