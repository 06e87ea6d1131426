/**
 * PKCE (RFC 7636) and `state` (RFC 6749 §10.12) values.
 *
 * The random values come from oauth4webapi: 32 bytes from the Web Crypto CSPRNG, base64url,
 * i.e. 43 characters and 256 bits. That satisfies RFC 7636 §4.1 (43–128 characters from the
 * unreserved set, ≥ 256 bits recommended) and SECURITY 1 (state ≥ 128 bits).
 * The S256 challenge (§4.2) is computed here, synchronously, with node:crypto; oauth4webapi's
 * `calculatePKCECodeChallenge` gives the same value asynchronously (the tests check they agree).
 * `plain` is never offered (SECURITY 2).
 */
import { createHash } from "node:crypto";
import { generateRandomCodeVerifier, generateRandomState } from "oauth4webapi";

export interface PkcePair {
  /** Kept server side until the code exchange (RFC 7636 §4.5). */
  verifier: string;
  /** BASE64URL(SHA256(ASCII(verifier))), sent with code_challenge_method=S256 (§4.2). */
  challenge: string;
}

export const PKCE_METHOD = "S256";

export function createPkce(): PkcePair {
  const verifier = generateRandomCodeVerifier();
  return { verifier, challenge: pkceChallenge(verifier) };
}

/** RFC 7636 §4.2, S256. */
export function pkceChallenge(verifier: string): string {
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) throw new TypeError("a PKCE code_verifier is 43–128 unreserved characters (RFC 7636 §4.1)");
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

/** An unguessable, single-use `state` value: 256 random bits, base64url. */
export function createState(): string {
  return generateRandomState();
}
