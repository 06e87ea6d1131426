/**
 * What the connector page shows about its token: DTOs without any secret (SECURITY 10).
 * Connection metadata marked sensitive leaves the server only for admins: a viewer's DTO holds
 * the field's name and "hidden", never its value (SECURITY 41).
 */
import type { Db } from "../db";
import { credentialTypeOf, metadataFieldsOf, scopesOf } from "../connectors/records";
import type { CredentialType } from "../connectors/schema";
import { metadataEntries, parseTokenExtra, type MetadataSource } from "./connection-metadata";
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
  /** Other non-secret extra fields kept with the token (those not listed under `metadata`). */
  details: { name: string; value: string }[];
  /** The connection metadata fields the connector keeps, in their configured order. */
  metadata: MetadataView[];
}

export interface MetadataView {
  name: string;
  source: MetadataSource;
  sensitive: boolean;
  /** The value as text; null when the vendor did not send it, or when it is hidden from this reader. */
  value: string | null;
  /** Sensitive, and the reader is a viewer: the value was not sent. */
  hidden: boolean;
}

const SECRET_LOOKING = /token|secret|code|password|assertion/i;

/** `shown`: names listed under connection metadata, left out here so a hidden value cannot show up as a detail. */
function detailsOf(parsed: Record<string, unknown>, shown: ReadonlySet<string>): { name: string; value: string }[] {
  const flat: Record<string, unknown> = {
    ...parsed,
    ...(typeof parsed.redirectParams === "object" && parsed.redirectParams ? (parsed.redirectParams as Record<string, unknown>) : {}),
  };
  delete flat.redirectParams;
  return Object.entries(flat)
    .filter(([name, value]) => !shown.has(name) && !SECRET_LOOKING.test(name) && ["string", "number", "boolean"].includes(typeof value))
    .map(([name, value]) => ({ name, value: String(value).slice(0, 200) }))
    .slice(0, 20);
}

export interface ConnectorTokenState {
  /** "oauth2", or a static credential ("api_key", "basic") whose token is the credential itself: no vendor issued it. */
  credentialType: CredentialType;
  requestedScopes: string[];
  /** The connector's status even when it holds no token (Not authorized, Disconnected). */
  summary: StatusSummary;
  /** Null when no token is held. */
  token: TokenSummary | null;
}

const METADATA_VALUE_CHARS = 500;

function metadataViews(extra: Record<string, unknown>, storedFields: string, showSensitive: boolean): MetadataView[] {
  return metadataEntries(extra, metadataFieldsOf(storedFields)).map(({ name, source, sensitive, value }) => {
    const hidden = sensitive && !showSensitive;
    return { name, source, sensitive, hidden, value: hidden || value === null ? null : String(value).slice(0, METADATA_VALUE_CHARS) };
  });
}

export interface TokenSummaryOptions {
  /** The reader is an admin: sensitive connection metadata values are included. Viewers never receive them. */
  showSensitive?: boolean;
  now?: Date;
}

export async function getTokenSummary(
  db: Db,
  connectorId: string,
  { showSensitive = false, now = new Date() }: TokenSummaryOptions = {},
): Promise<ConnectorTokenState> {
  const connector = await db.connector.findUnique({
    where: { id: connectorId },
    select: { scopes: true, state: true, metadataFields: true, credentialType: true, token: true },
  });
  const credentialType = credentialTypeOf(connector?.credentialType ?? "oauth2");
  const requestedScopes = scopesOf(connector?.scopes ?? "[]");
  const row = connector?.token ?? null;
  const summary = toStatusSummary(statusView({ state: connector?.state, token: row }, now));
  if (!row || row.accessTokenEnc === null) return { credentialType, requestedScopes, summary, token: null };
  const grantedScopes = row.grantedScopes ? scopesOf(row.grantedScopes) : null;
  const extra = parseTokenExtra(row.extra);
  const metadata = metadataViews(extra, connector?.metadataFields ?? "[]", showSensitive);
  const scopeDifference = grantedScopes
    ? { missing: requestedScopes.filter((s) => !grantedScopes.includes(s)), extra: grantedScopes.filter((s) => !requestedScopes.includes(s)) }
    : null;
  return {
    credentialType,
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
      details: detailsOf(extra, new Set(metadata.map((field) => field.name))),
      metadata,
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
