/**
 * What the connector page shows about its token: DTOs without any secret (SECURITY 10).
 */
import type { Db } from "../db";
import { scopesOf } from "../connectors/records";
import { redact, shorten } from "../oauth/redaction";
import { adviceFor } from "./failure-status";
import { statusView } from "./status";
import { toStatusSummary, type StatusSummary } from "./status-summary";

export interface TokenSummary {
  tokenType: string | null;
  expiresAt: Date | null;
  obtainedAt: Date;
  lastRefreshedAt: Date | null;
  hasRefreshToken: boolean;
  grantedScopes: string[] | null;
  requestedScopes: string[];
  /** Requested scopes the vendor did not grant, and granted ones nobody asked for. */
  scopeDifference: { missing: string[]; extra: string[] } | null;
  lastErrorCode: string | null;
  lastErrorText: string | null;
  advice: string | null;
  /** Non-secret extra fields kept with the token (instance_url, realmId, ...). */
  details: { name: string; value: string }[];
}

const SECRET_LOOKING = /token|secret|code|password|assertion/i;

function detailsOf(extra: string): { name: string; value: string }[] {
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(extra) as Record<string, unknown>;
  } catch {
    return [];
  }
  const flat: Record<string, unknown> = { ...parsed, ...(typeof parsed.redirectParams === "object" && parsed.redirectParams ? (parsed.redirectParams as Record<string, unknown>) : {}) };
  delete flat.redirectParams;
  return Object.entries(flat)
    .filter(([name, value]) => !SECRET_LOOKING.test(name) && ["string", "number", "boolean"].includes(typeof value))
    .map(([name, value]) => ({ name, value: String(value).slice(0, 200) }))
    .slice(0, 20);
}

export interface ConnectorTokenState {
  requestedScopes: string[];
  /** The connector's status even when it holds no token (Not authorized, Disconnected). */
  summary: StatusSummary;
  /** Null when no token is held. */
  token: TokenSummary | null;
}

export async function getTokenSummary(db: Db, connectorId: string, now = new Date()): Promise<ConnectorTokenState> {
  const connector = await db.connector.findUnique({ where: { id: connectorId }, select: { scopes: true, state: true, token: true } });
  const requestedScopes = scopesOf(connector?.scopes ?? "[]");
  const row = connector?.token ?? null;
  const summary = toStatusSummary(statusView({ state: connector?.state, token: row }, now));
  if (!row || row.accessTokenEnc === null) return { requestedScopes, summary, token: null };
  const grantedScopes = row.grantedScopes ? scopesOf(row.grantedScopes) : null;
  const scopeDifference = grantedScopes
    ? { missing: requestedScopes.filter((s) => !grantedScopes.includes(s)), extra: grantedScopes.filter((s) => !requestedScopes.includes(s)) }
    : null;
  return {
    requestedScopes,
    summary,
    token: {
      tokenType: row.tokenType,
      expiresAt: row.expiresAt,
      obtainedAt: row.obtainedAt,
      lastRefreshedAt: row.lastRefreshedAt,
      hasRefreshToken: row.refreshTokenEnc !== null,
      grantedScopes,
      requestedScopes,
      scopeDifference: scopeDifference && (scopeDifference.missing.length || scopeDifference.extra.length) ? scopeDifference : null,
      lastErrorCode: row.lastErrorCode,
      lastErrorText: row.lastErrorText,
      advice: adviceFor(row.lastErrorCode),
      details: detailsOf(row.extra),
    },
  };
}

export interface EventOutcome {
  type: string;
  succeeded: boolean;
  errorCode: string | null;
  message: string | null;
  vendorError: string | null;
  description: string | null;
  excerpt: string | null;
  advice: string | null;
  refreshTokenReturned: boolean | null;
}

/** The outcome of one flow, for the banner shown after a redirect or button press. */
export async function getEventOutcome(db: Db, connectorId: string, eventId: string): Promise<EventOutcome | null> {
  const event = await db.event.findFirst({ where: { id: eventId, connectorId } });
  if (!event) return null;
  let detail: Record<string, unknown> = {};
  try {
    detail = JSON.parse(event.detail) as Record<string, unknown>;
  } catch {
    // keep empty
  }
  // Redacted again when shown, in case an older writer stored vendor text as it came (SECURITY 10, 26).
  const text = (key: string) => (typeof detail[key] === "string" ? shorten(redact(detail[key] as string)) : null);
  return {
    type: event.type,
    succeeded: event.outcome === "success",
    errorCode: event.errorCode,
    message: text("message"),
    vendorError: text("vendorError"),
    description: text("description"),
    excerpt: text("excerpt"),
    advice: adviceFor(event.errorCode),
    refreshTokenReturned: typeof detail.refreshTokenReturned === "boolean" ? detail.refreshTokenReturned : null,
  };
}
