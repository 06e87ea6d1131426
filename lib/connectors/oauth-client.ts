/**
 * Loads a connector as the pure protocol layer's client configuration, opening the sealed
 * client secret. Used only on the server, right where a vendor request is made.
 */
import type { KeyRing } from "../crypto/key-ring";
import type { Db } from "../db";
import { DomainError } from "../errors";
import type { OAuthClientConfig } from "../oauth";
import { unsealField } from "../secrets/sealed-fields";
import { extrasOf, scopesOf } from "./records";

export interface ConnectorOAuthClient {
  id: string;
  name: string;
  configVersion: number;
  config: OAuthClientConfig;
}

export async function loadOAuthClient(db: Db, ring: KeyRing, connectorId: string): Promise<ConnectorOAuthClient> {
  const row = await db.connector.findUnique({ where: { id: connectorId }, include: { extras: true } });
  if (!row) throw new DomainError("NOT_FOUND", "This connector no longer exists.");
  return {
    id: row.id,
    name: row.name,
    configVersion: row.configVersion,
    config: {
      grantType: row.grantType === "client_credentials" ? "client_credentials" : "authorization_code",
      authUrl: row.authUrl,
      tokenUrl: row.tokenUrl,
      refreshUrl: row.refreshUrl,
      revocationUrl: row.revocationUrl,
      clientId: row.clientId,
      clientSecret: row.clientSecretEnc ? unsealField(ring, "Connector.clientSecret", row.id, row.clientSecretEnc) : null,
      scopes: scopesOf(row.scopes),
      scopeSeparator: row.scopeSeparator === "," ? "," : " ",
      clientAuth: row.clientAuth === "body" ? "body" : "basic",
      usePkce: row.usePkce,
      refreshIncludesScope: row.refreshIncludesScope,
      tokenBodyFormat: row.tokenBodyFormat === "json" ? "json" : "form",
      extras: extrasOf(row.extras),
      issuer: row.issuerUrl,
      requireIss: row.requireIss,
      accessTokenPath: row.accessTokenPath,
    },
  };
}
