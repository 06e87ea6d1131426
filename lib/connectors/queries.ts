/**
 * Reads for pages. Every function returns a DTO that cannot carry a secret (SECURITY 10).
 */
import { grantTypeOf } from "../oauth/grants";
import type { Db } from "../db";
import { statusView } from "../tokens/status";
import { statusRowSelect, toStatusSummary, type StatusSummary } from "../tokens/status-summary";
import { formValuesOf, scopesOf, type WriteOnlyField } from "./records";
import type { ConnectorFormValues, ExtraRequest, GrantType } from "./schema";

export interface ConnectorListRow {
  id: string;
  name: string;
  grantType: GrantType;
  /** "oauth2", "api_key" or "basic": lists show a static credential's type instead of its (stored) grant. */
  credentialType: string;
  vendorHost: string;
  scopes: string[];
  hasToken: boolean;
  /** The same status as the dashboard's (lib/tokens/status.ts). */
  summary: StatusSummary;
  updatedAt: Date;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
}

export async function listConnectors(db: Db, now = new Date()): Promise<ConnectorListRow[]> {
  const rows = await db.connector.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, grantType: true, credentialType: true, tokenUrl: true, apiBaseUrl: true, scopes: true, updatedAt: true, state: true, token: { select: statusRowSelect } },
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    grantType: grantTypeOf(row.grantType),
    credentialType: row.credentialType,
    // API Key and Basic Auth connectors have no Access Token URL: their API Base URL names the vendor.
    vendorHost: hostOf(row.tokenUrl) || hostOf(row.apiBaseUrl ?? ""),
    scopes: scopesOf(row.scopes),
    hasToken: row.token !== null && row.token.accessTokenEnc !== null,
    summary: toStatusSummary(statusView(row, now)),
    updatedAt: row.updatedAt,
  }));
}

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
    storedSecretExtras: row.extras.filter((extra) => extra.secret && extra.valueEnc !== null).map((extra) => ({ request: extra.request as ExtraRequest, kind: extra.kind === "header" ? "header" : "param", name: extra.name })),
    configVersion: row.configVersion,
    updatedAt: row.updatedAt,
  };
}
