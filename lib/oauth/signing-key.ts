/**
 * Signing JWTs with the connector's private key (RFC 7515, algorithms of RFC 7518 §3.3–3.5 and
 * RFC 8017 §8.1): client assertions (RFC 7523 §2.2) and JWT bearer grants (RFC 7523 §2.1).
 *
 * The key text is read with node:crypto, which takes every form an admin is likely to paste:
 * PEM PKCS#8 ("BEGIN PRIVATE KEY", what Google and `openssl genpkey` write), PKCS#1 ("BEGIN RSA
 * PRIVATE KEY"), SEC1 ("BEGIN EC PRIVATE KEY"), and a private JWK as JSON. jose's own
 * importPKCS8 takes PKCS#8 only; jose signs the KeyObject either way. The key is then checked
 * against the algorithm before anything is signed, so a wrong key gives a sentence that says
 * what to change instead of a library error, and no message ever quotes the key (SECURITY 44).
 */
import { createPrivateKey, type JsonWebKey, type KeyObject } from "node:crypto";
import { SignJWT, type JWTPayload } from "jose";
import type { SigningAlgorithm, SigningKey } from "./types";

/** An assertion that cannot be signed (no key, a key that does not fit, a missing claim); the message is safe to show and names no key material. */
export class AssertionError extends Error {
  override name = "AssertionError";
}

const UNREADABLE =
  'The private key could not be read. Paste an unencrypted PEM key ("-----BEGIN PRIVATE KEY-----", "BEGIN RSA PRIVATE KEY" or "BEGIN EC PRIVATE KEY", with its line breaks) or a private JWK.';

/** The smallest RSA modulus RFC 7518 §3.3 and §3.5 allow. */
const MIN_RSA_BITS = 2048;

/** The key as node:crypto reads it, after checking that it can sign with `alg`. */
export function readSigningKey(key: Pick<SigningKey, "privateKey" | "alg">): KeyObject {
  const keyObject = parsePrivateKey(key.privateKey);
  assertFits(keyObject, key.alg);
  return keyObject;
}

/** A compact JWS of `claims`, header `alg` and (when set) `kid`. */
export async function signJwt(key: SigningKey, claims: JWTPayload): Promise<string> {
  const keyObject = readSigningKey(key);
  const header = key.keyId ? { alg: key.alg, kid: key.keyId } : { alg: key.alg };
  try {
    return await new SignJWT(claims).setProtectedHeader(header).sign(keyObject);
  } catch {
    // Checked above, so this is rare (a key WebCrypto refuses); jose's message may describe the key.
    throw new AssertionError(`The private key could not sign with ${key.alg}. Paste another key or generate a new key pair.`);
  }
}

/** The key text as node:crypto reads it, whatever the algorithm; an AssertionError when it cannot be read. */
export function parsePrivateKey(text: string): KeyObject {
  const trimmed = text.trim();
  try {
    if (trimmed.startsWith("{")) return createPrivateKey({ key: JSON.parse(trimmed) as JsonWebKey, format: "jwk" });
    // A PEM copied out of a JSON file (Google's key files) may still have its line breaks written as "\n".
    const pem = trimmed.includes("\\n") && !trimmed.includes("\n") ? trimmed.replace(/\\n/g, "\n") : trimmed;
    return createPrivateKey({ key: pem, format: "pem" });
  } catch {
    throw new AssertionError(UNREADABLE);
  }
}

function assertFits(keyObject: KeyObject, alg: SigningAlgorithm): void {
  const type = keyObject.asymmetricKeyType;
  const details = keyObject.asymmetricKeyDetails ?? {};
  if (alg === "ES256") {
    if (type !== "ec")
      throw new AssertionError(
        `ES256 signs with an EC P-256 key, and this is ${describe(keyObject)}: paste an EC P-256 key, or choose RS256 or PS256 for an RSA key.`,
      );
    if (details.namedCurve !== "prime256v1") throw new AssertionError(`ES256 needs an EC key on the P-256 curve, and this is ${describe(keyObject)}.`);
    return;
  }
  const rsa = type === "rsa" || (alg === "PS256" && type === "rsa-pss");
  if (!rsa)
    throw new AssertionError(`${alg} signs with an RSA key, and this is ${describe(keyObject)}: paste an RSA key, or choose ES256 for an EC P-256 key.`);
  if ((details.modulusLength ?? 0) < MIN_RSA_BITS)
    throw new AssertionError(`${alg} needs an RSA key of at least ${MIN_RSA_BITS} bits, and this one has ${details.modulusLength ?? "fewer"}.`);
}

const OTHER_TYPES: Record<string, string> = {
  ed25519: "an Ed25519 key",
  ed448: "an Ed448 key",
  x25519: "an X25519 key",
  x448: "an X448 key",
  dsa: "a DSA key",
  dh: "a Diffie-Hellman key",
};
const CURVES: Record<string, string> = { prime256v1: "P-256", secp384r1: "P-384", secp521r1: "P-521" };

/** "an RSA key", "an EC key (P-384)", "an Ed25519 key": the type only, never the key. */
function describe(keyObject: KeyObject): string {
  const type = keyObject.asymmetricKeyType ?? "";
  if (type === "rsa") return "an RSA key";
  if (type === "rsa-pss") return "an RSA key restricted to PSS (PS256 only)";
  if (type === "ec") {
    const curve = keyObject.asymmetricKeyDetails?.namedCurve ?? "";
    return `an EC key (${CURVES[curve] ?? (curve || "unknown curve")})`;
  }
  return OTHER_TYPES[type] ?? "a key of another type";
}
