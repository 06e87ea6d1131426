/**
 * A connector's history, for its page: the event timeline and refresh outcomes per day. DTOs
 * only; event details were redacted when recorded, and the text shown is redacted again here
 * in case an older writer was less careful (SECURITY 10, 26).
 */
import type { Db } from "../db";
import { redact, shorten } from "../oauth/redaction";
import { eventLabel, eventSummary, REAUTHORIZED_LABEL, REFRESH_FAILURE_TYPES, REFRESH_SUCCESS_TYPES } from "./event-labels";

export interface HistoryEvent {
  id: string;
  type: string;
  /** "Refreshed", "Refresh failed", "Re-authorized", ... */
  label: string;
  outcome: "success" | "failure";
  /** Error class (`invalid_grant`, `network`, ...) when the attempt failed. */
  errorCode: string | null;
  /** One safe line: what changed, the safe error message, the revocation result. */
  summary: string | null;
  /** A short redacted excerpt of the vendor's response, when one was kept. */
  excerpt: string | null;
  /** The user's email, "system", "api-key:<name>". */
  actor: string;
  at: Date;
}

export const MAX_EVENTS = 200;

function parseDetail(raw: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const safeText = (value: string | null) => (value ? shorten(redact(value)) : null);

/**
 * Newest first. `before` is the id of the last event already shown: the next page starts after it
 * (a cursor, so events sharing a timestamp are neither skipped nor repeated).
 */
export async function listConnectorEvents(
  db: Db,
  connectorId: string,
  { limit = 50, before }: { limit?: number; before?: string } = {},
): Promise<HistoryEvent[]> {
  const take = Math.min(Math.max(1, Math.floor(limit)), MAX_EVENTS);
  const [rows, firstAuthorization] = await Promise.all([
    db.event.findMany({
      where: { connectorId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take,
      ...(before ? { cursor: { id: before }, skip: 1 } : {}),
      select: { id: true, type: true, outcome: true, errorCode: true, detail: true, actorLabel: true, createdAt: true },
    }),
    db.event.findFirst({ where: { connectorId, type: "token.authorized" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true } }),
  ]);
  return rows.map((row) => {
    const detail = parseDetail(row.detail);
    const reauthorized = row.type === "token.authorized" && firstAuthorization !== null && row.id !== firstAuthorization.id;
    return {
      id: row.id,
      type: row.type,
      label: reauthorized ? REAUTHORIZED_LABEL : eventLabel(row.type),
      outcome: row.outcome === "failure" ? "failure" : "success",
      errorCode: row.errorCode,
      summary: safeText(eventSummary(row.type, detail)),
      excerpt: safeText(typeof detail.excerpt === "string" ? detail.excerpt : null),
      actor: row.actorLabel,
      at: row.createdAt,
    };
  });
}

export interface RefreshDay {
  /** UTC date, YYYY-MM-DD. */
  date: string;
  successes: number;
  failures: number;
}

export interface RefreshStats {
  days: RefreshDay[];
  successes: number;
  failures: number;
}

export const STATS_DAYS = 30;
const DAY_MS = 86_400_000;

/** Refresh successes and failures per UTC day for the last 30 days, today included, oldest first. */
export async function refreshStats(db: Db, connectorId: string, now: Date): Promise<RefreshStats> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const start = new Date(today - (STATS_DAYS - 1) * DAY_MS);
  const events = await db.event.findMany({
    where: { connectorId, createdAt: { gte: start, lte: now }, type: { in: [...REFRESH_SUCCESS_TYPES, ...REFRESH_FAILURE_TYPES] } },
    select: { type: true, outcome: true, createdAt: true },
  });
  const days: RefreshDay[] = Array.from({ length: STATS_DAYS }, (_, i) => ({
    date: new Date(start.getTime() + i * DAY_MS).toISOString().slice(0, 10),
    successes: 0,
    failures: 0,
  }));
  for (const event of events) {
    const day = days[Math.floor((event.createdAt.getTime() - start.getTime()) / DAY_MS)];
    if (!day) continue;
    if (REFRESH_FAILURE_TYPES.includes(event.type) || event.outcome === "failure") day.failures++;
    else day.successes++;
  }
  return { days, successes: days.reduce((n, d) => n + d.successes, 0), failures: days.reduce((n, d) => n + d.failures, 0) };
}
