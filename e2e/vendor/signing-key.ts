// A fresh RSA signing key per vendor start. oidc-provider signs ID tokens (and JWT access tokens,
// if ever enabled) with it; without one it falls back to a built-in key and logs a warning.
import { generateKeyPair, randomUUID } from "node:crypto";
import { promisify } from "node:util";

const generateKeyPairAsync = promisify(generateKeyPair);

/** Private RSA key as a JWK (RFC 7517), with the kid/use/alg members oidc-provider looks for. */
export async function generateSigningJwk(): Promise<Record<string, unknown>> {
  // RS256 because it is the default id_token_signed_response_alg of every client (OIDC Core §2).
  const { privateKey } = await generateKeyPairAsync("rsa", { modulusLength: 2048 });
  return { ...privateKey.export({ format: "jwk" }), kid: randomUUID(), use: "sig", alg: "RS256" };
}
