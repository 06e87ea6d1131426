/**
 * Reads for pages. Every function returns a DTO that cannot carry a secret (SECURITY 10).
 */
import { grantTypeOf } from "../oauth/grants";
import type { Db } from "../db";
import { statusView } from "../tokens/status";
import { statusRowSelect, toStatusSummary, type StatusSummary } from "../tokens/status-summary";
import { formValuesOf, scopesOf } from "./records";
import type { ConnectorFormValues, GrantType } from "./schema";

export interface ConnectorListRow {
  id: string;
  name: string;
  grantType: GrantType;
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
    select: { id: true, name: true, grantType: true, tokenUrl: true, scopes: true, updatedAt: true, state: true, token: { select: statusRowSelect } },
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    grantType: grantTypeOf(row.grantType),
    vendorHost: hostOf(row.tokenUrl),
    scopes: scopesOf(row.scopes),
    hasToken: row.token !== null && row.token.accessTokenEnc !== null,
    summary: toStatusSummary(statusView(row, now)),
    updatedAt: row.updatedAt,
  }));
}

export interface ConnectorForEdit {
  id: string;
  values: ConnectorFormValues;
  hasClientSecret: boolean;
  configVersion: number;
  updatedAt: Date;
}

export async function getConnectorForEdit(db: Db, id: string): Promise<ConnectorForEdit | null> {
  const row = await db.connector.findUnique({ where: { id }, include: { extras: true } });
  if (!row) return null;
  return { id: row.id, values: formValuesOf(row), hasClientSecret: row.clientSecretEnc !== null, configVersion: row.configVersion, updatedAt: row.updatedAt };
}
