/**
 * Reads for pages. Every function returns a DTO that cannot carry a secret (SECURITY 10).
 */
import type { Db } from "../db";
import { formValuesOf, type WriteOnlyField } from "./records";
import type { ConnectorFormValues, ExtraRequest } from "./schema";

/** Which write-only values are stored: the form shows "set" and Replace, never the value (SECURITY 10). */
export type StoredSecrets = Record<WriteOnlyField, boolean>;

export interface ConnectorForEdit {
  id: string;
  values: ConnectorFormValues;
  hasClientSecret: boolean;
  storedSecrets: StoredSecrets;
  /** The public half of a key pair Generate key pair made (JSON text of a public JWK; not secret), or null. */
  publicJwk: string | null;
  /** Secret extras whose value is stored (sealed): kept when the form leaves them empty (SECURITY 42). Never the value. */
  storedSecretExtras: { request: ExtraRequest; kind: "header" | "param"; name: string }[];
  configVersion: number;
  updatedAt: Date;
}

export async function getConnectorForEdit(db: Db, id: string): Promise<ConnectorForEdit | null> {
  const row = await db.connector.findUnique({ where: { id }, include: { extras: true } });
  if (!row) return null;
  const storedSecrets: StoredSecrets = {
    clientSecret: row.clientSecretEnc !== null,
    privateKey: row.privateKeyEnc !== null,
    apiKey: row.apiKeyEnc !== null,
    basicUsername: row.basicUsernameEnc !== null,
    basicPassword: row.basicPasswordEnc !== null,
  };
  return {
    id: row.id,
    values: formValuesOf(row),
    hasClientSecret: storedSecrets.clientSecret,
    storedSecrets,
    publicJwk: row.publicJwk,
    storedSecretExtras: row.extras
      .filter((extra) => extra.secret && extra.valueEnc !== null)
      .map((extra) => ({ request: extra.request as ExtraRequest, kind: extra.kind === "header" ? "header" : "param", name: extra.name })),
    configVersion: row.configVersion,
    updatedAt: row.updatedAt,
  };
}
