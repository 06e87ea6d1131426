/**
 * Generate key pair: Latchkey makes a key pair for Signed JWT (private_key_jwt) or the JWT bearer
 * grant so that the private key never exists outside the server. It is sealed at once like the
 * client secret ("Connector.privateKey", SECURITY 7, 44) and is never shown; the public JWK is
 * kept in Connector.publicJwk, shown to the admin and served at the connector's JWKS URL.
 *
 * The new key replaces any stored one: the connector's Key ID becomes the key's RFC 7638
 * thumbprint and its signing algorithm the one chosen, and configVersion is bumped like any edit.
 */
import { exportPKCS8, generateKeyPair } from "jose";
import type { KeyRing } from "../crypto/key-ring";
import type { Db } from "../db";
import { DomainError } from "../errors";
import { recordEvent, type Actor } from "../events";
import type { SigningAlgorithm } from "../oauth";
import { sealField } from "../secrets/sealed-fields";
import { publicJwkOf, type PublicJwk } from "./jwks";

export async function generateConnectorKeyPair(db: Db, ring: KeyRing, actor: Actor, connectorId: string, alg: SigningAlgorithm): Promise<PublicJwk> {
  const exists = await db.connector.findUnique({ where: { id: connectorId }, select: { id: true } });
  if (!exists) throw new DomainError("NOT_FOUND", "This connector no longer exists.");
  // RS256 and PS256: RSA with a 2048-bit modulus (jose's default, RFC 7518 §3.3); ES256: P-256.
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  const pem = await exportPKCS8(privateKey);
  // The same derivation as for a pasted key, so both are served alike.
  const publicJwk = publicJwkOf(pem, alg);
  if (!publicJwk) throw new Error(`a generated ${alg} key could not be read back`);
  await db.$transaction(async (tx) => {
    await tx.connector.update({
      where: { id: connectorId },
      data: {
        privateKeyEnc: sealField(ring, "Connector.privateKey", connectorId, pem),
        publicJwk: JSON.stringify(publicJwk),
        keyId: publicJwk.kid,
        signingAlg: alg,
        configVersion: { increment: 1 },
      },
    });
    // The key id and algorithm only: the thumbprint is public, the key is not.
    await recordEvent(tx, actor, { connectorId, type: "connector.key_generated", detail: { alg, keyId: publicJwk.kid } });
  });
  return publicJwk;
}
