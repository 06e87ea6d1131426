/**
 * The connectors list: each connector with the same status the dashboard shows. Here rather than
 * in lib/connectors because the status is the token lifecycle's (lib/tokens/status.ts), which is
 * built on lib/connectors. Returns DTOs that cannot carry a secret (SECURITY 10).
 */
import type { Db } from "../db";
import { grantTypeOf } from "../oauth/grants";
import { scopesOf } from "../connectors/records";
import type { GrantType } from "../connectors/schema";
import { statusView } from "../tokens/status";
import { statusRowSelect, toStatusSummary, type StatusSummary } from "../tokens/status-summary";

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
    select: {
      id: true,
      name: true,
      grantType: true,
      credentialType: true,
      tokenUrl: true,
      apiBaseUrl: true,
      scopes: true,
      updatedAt: true,
      state: true,
      token: { select: statusRowSelect },
    },
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
