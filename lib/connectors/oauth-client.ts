/**
 * Loads a connector as the pure protocol layer's client configuration, opening the sealed
 * client secret. Used only on the server, right where a vendor request is made.
 */
import type { KeyRing } from "../crypto/key-ring";
import type { Db } from "../db";
import { DomainError } from "../errors";
import type { OAuthClientConfig } from "../oauth";
import { unsealField } from "../secrets/sealed-fields";
import { grantTypeOf } from "../oauth";
import { clientAuthOf, credentialTypeOf, extrasOf, scopesOf, signingAlgOf } from "./records";

/** A static credential, opened: what the token endpoint and the proxy hand out instead of an OAuth token. */
export type StaticCredential = { type: "api_key"; apiKey: string } | { type: "basic"; username: string; password: string };

export interface ConnectorOAuthClient {
  id: string;
  name: string;
  configVersion: number;
  config: OAuthClientConfig;
  /** Set for API Key and Basic Auth connectors (null when not entered yet); absent for OAuth 2.0. */
  staticCredential?: StaticCredential | null;
}

export async function loadOAuthClient(db: Db, ring: KeyRing, connectorId: string): Promise<ConnectorOAuthClient> {
  const row = await db.connector.findUnique({ where: { id: connectorId }, include: { extras: true } });
  if (!row) throw new DomainError("NOT_FOUND", "This connector no longer exists.");
  const open = (
    name: "Connector.clientSecret" | "Connector.privateKey" | "Connector.apiKey" | "Connector.basicUsername" | "Connector.basicPassword",
    sealed: string | null,
  ) => (sealed ? unsealField(ring, name, row.id, sealed) : null);
  const credentialType = credentialTypeOf(row.credentialType);
  const privateKey = open("Connector.privateKey", row.privateKeyEnc);
  // A secret row not sealed yet (marked by the issue-12 migration; lib/secrets/seal-secret-extras.ts) still holds its value in `value`.
  const extras = extrasOf(
    row.extras.map((extra) =>
      extra.secret && extra.valueEnc ? { ...extra, value: unsealField(ring, "ConnectorExtra.value", extra.id, extra.valueEnc) } : extra,
    ),
    { withSecretValues: true },
  );
  return {
    id: row.id,
    name: row.name,
    configVersion: row.configVersion,
    staticCredential:
      credentialType === "oauth2"
        ? undefined
        : staticCredentialOf(
            credentialType,
            open("Connector.apiKey", row.apiKeyEnc),
            open("Connector.basicUsername", row.basicUsernameEnc),
            open("Connector.basicPassword", row.basicPasswordEnc),
          ),
    config: {
      grantType: grantTypeOf(row.grantType),
      authUrl: row.authUrl,
      tokenUrl: row.tokenUrl,
      refreshUrl: row.refreshUrl,
      revocationUrl: row.revocationUrl,
      clientId: row.clientId,
      clientSecret: open("Connector.clientSecret", row.clientSecretEnc),
      scopes: scopesOf(row.scopes),
      scopeSeparator: row.scopeSeparator === "," ? "," : " ",
      clientAuth: clientAuthOf(row.clientAuth),
      usePkce: row.usePkce,
      refreshIncludesScope: row.refreshIncludesScope,
      tokenBodyFormat: row.tokenBodyFormat === "json" ? "json" : "form",
      extras,
      issuer: row.issuerUrl,
      requireIss: row.requireIss,
      accessTokenPath: row.accessTokenPath,
      signingKey: privateKey ? { privateKey, keyId: row.keyId, alg: signingAlgOf(row.signingAlg) } : null,
      jwtBearer:
        row.grantType === "jwt_bearer"
          ? { issuer: row.jwtIssuer ?? "", subject: row.jwtSubject, audience: row.jwtAudience, scopeIn: row.jwtScopeIn === "claim" ? "claim" : "param" }
          : null,
      grantTypeValue: row.grantTypeValue || "client_credentials",
    },
  };
}

function staticCredentialOf(type: "api_key" | "basic", apiKey: string | null, username: string | null, password: string | null): StaticCredential | null {
  if (type === "api_key") return apiKey === null ? null : { type, apiKey };
  return username === null || password === null ? null : { type, username, password };
}
