/**
 * Password hashing with argon2id (OWASP Password Storage Cheat Sheet: m=19 MiB, t=2, p=1).
 */
import { hash, verify } from "@node-rs/argon2";

// @node-rs/argon2 defaults to argon2id (asserted by test/users/service.test.ts).
const PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

// Verified against when the email is unknown, so a missing account takes as long as a wrong password.
let decoyHash: Promise<string> | undefined;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMS);
}

export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  if (!storedHash) {
    decoyHash ??= hash("latchkey-decoy-password", PARAMS);
    await verify(await decoyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
