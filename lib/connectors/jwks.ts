/**
 * The public half of a connector's signing key, as a JSON Web Key (RFC 7517) and as the JSON Web
 * Key Set served at the connector's JWKS URL (`/api/v1/connectors/{id}/jwks.json`), which the
 * admin can register at the vendor instead of pasting the key (Okta: JWKS URL).
 *
 * Only public members ever leave here (SECURITY 44): the JWK is derived from the private key with
 * node:crypto's public export, which has no private member, and is stored in Connector.publicJwk
 * when the key is generated or pasted, so serving it never opens the sealed private key.
 */
import { createHash, createPublicKey } from "node:crypto";
import { parsePrivateKey, type SigningAlgorithm } from "../oauth";

export interface PublicJwk {
  kty: "RSA" | "EC";
  /** RSA */
  n?: string;
  e?: string;
  /** EC */
  crv?: string;
  x?: string;
  y?: string;
  kid: string;
  use: "sig";
  alg?: SigningAlgorithm;
}

/** RFC 7638 §3.2: the required members of each key type, in lexicographic order. */
const THUMBPRINT_MEMBERS = { RSA: ["e", "kty", "n"], EC: ["crv", "kty", "x", "y"] } as const;

/** The public JWK of a private key (PEM or JWK text), `kid` its RFC 7638 thumbprint; null when the key cannot be read. */
export function publicJwkOf(privateKey: string, alg?: SigningAlgorithm): PublicJwk | null {
  let exported: Record<string, unknown>;
  try {
    exported = createPublicKey(parsePrivateKey(privateKey)).export({ format: "jwk" }) as Record<string, unknown>;
  } catch {
    return null;
  }
  const kty = exported.kty;
  if (kty !== "RSA" && kty !== "EC") return null;
  const members = Object.fromEntries(THUMBPRINT_MEMBERS[kty].map((name) => [name, exported[name]]));
  return { ...members, kty, kid: thumbprintOf(members), use: "sig", ...(alg ? { alg } : {}) } as PublicJwk;
}

/** publicJwkOf as stored in Connector.publicJwk. */
export function serializedPublicJwk(privateKey: string, alg?: SigningAlgorithm): string | null {
  const jwk = publicJwkOf(privateKey, alg);
  return jwk ? JSON.stringify(jwk) : null;
}

/** RFC 7638 JWK thumbprint, SHA-256, base64url: JSON of the required members, sorted, no whitespace. */
function thumbprintOf(requiredMembers: Record<string, unknown>): string {
  const sorted = Object.fromEntries(
    Object.keys(requiredMembers)
      .sort()
      .map((name) => [name, requiredMembers[name]]),
  );
  return createHash("sha256").update(JSON.stringify(sorted)).digest("base64url");
}

/**
 * The JWK Set for a connector row. `kid` and `alg` follow the connector as it is now (an admin
 * may set the Key ID or switch RS256 to PS256 without a new key), so the set always matches the
 * header of the assertions Latchkey signs; `alg` is left out when the key cannot serve it.
 */
export function jwksOf(row: { publicJwk: string | null; keyId: string | null; signingAlg: string }): { keys: PublicJwk[] } {
  const stored = parseStoredJwk(row.publicJwk);
  if (!stored) return { keys: [] };
  const alg = row.signingAlg as SigningAlgorithm;
  const fits = stored.kty === "RSA" ? alg === "RS256" || alg === "PS256" : alg === "ES256";
  const key: PublicJwk = { ...stored, kid: row.keyId || stored.kid };
  if (fits) key.alg = alg;
  else delete key.alg;
  return { keys: [key] };
}

/** Where the connector's JWK Set is served. */
export function jwksUrlOf(publicUrl: string, connectorId: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/api/v1/connectors/${encodeURIComponent(connectorId)}/jwks.json`;
}

/** The stored JSON, keeping public members only (a defence in depth: it never held others). */
function parseStoredJwk(text: string | null): PublicJwk | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    if (value.kty !== "RSA" && value.kty !== "EC") return null;
    const members = Object.fromEntries(THUMBPRINT_MEMBERS[value.kty].map((name) => [name, value[name]]));
    if (Object.values(members).some((member) => typeof member !== "string")) return null;
    return { ...members, kid: typeof value.kid === "string" ? value.kid : thumbprintOf(members), use: "sig" } as PublicJwk;
  } catch {
    return null;
  }
}
