/**
 * The dashboard's reads: one page of connectors with their token health, and the count per
 * status. Statuses come from the one pure function (lib/tokens/status.ts) for rows and from
 * its SQL twin (lib/tokens/status-filter.ts) for counts and filters, so both always agree.
 *
 * Built for 10,000 connectors: only the columns shown are selected, rows come a page at a
 * time (take/skip), and the seven counts are COUNT queries that run side by side. The DTOs
 * hold no secret and no ciphertext (SECURITY 10): they are sent to the browser as they are.
 */
import { grantTypeOf } from "../oauth/grants";
import { databaseKindOfDb, type Db, type Prisma } from "../db";
import { scopesOf } from "../connectors/records";
import type { GrantType } from "../connectors/schema";
import { statusView, TOKEN_STATUSES, type TokenStatus } from "../tokens/status";
import { statusRowSelect, toStatusSummary, type StatusSummary } from "../tokens/status-summary";
import { connectorsWithStatus } from "../tokens/status-filter";
import { DASHBOARD_PAGE_SIZE, type DashboardParams, type DashboardSort } from "./params";

export interface DashboardRow {
  id: string;
  name: string;
  vendorHost: string;
  grantType: GrantType;
  /** "oauth2", "api_key" or "basic": lists show a static credential's type instead of its (stored) grant. */
  credentialType: string;
  status: TokenStatus;
  /** Why, when the last attempt failed, and when re-authorization is due (strings: sent as JSON). */
  summary: StatusSummary;
  hasToken: boolean;
  /** ISO 8601; null when there is no token or the vendor gave no expiry. */
  expiresAt: string | null;
  lastRefreshedAt: string | null;
  /** The error class of the last failed attempt (`invalid_grant`, `network`, ...). */
  lastErrorCode: string | null;
  /** Null when the vendor did not say (assume as requested). */
  grantedScopes: string[] | null;
}

export interface DashboardData {
  /** Server time the statuses were computed at. */
  generatedAt: string;
  /** Per status, among connectors matching the search and grant type (the status filter aside). */
  counts: Record<TokenStatus, number>;
  /** All connectors, whatever the filters: tells "none yet" from "none match". */
  totalConnectors: number;
  /** Connectors matching every filter, across all pages. */
  matching: number;
  page: number;
  pageCount: number;
  pageSize: number;
  rows: DashboardRow[];
}

type Where = Prisma.ConnectorWhereInput;

const ORDER: Record<DashboardSort, Prisma.ConnectorOrderByWithRelationInput[]> = {
  // Soonest expiry first; connectors without a token or without a known expiry last. Names break ties (unique).
  expiry: [{ token: { expiresAt: { sort: "asc", nulls: "last" } } }, { name: "asc" }],
  expiry_desc: [{ token: { expiresAt: { sort: "desc", nulls: "last" } } }, { name: "asc" }],
  name: [{ name: "asc" }],
  name_desc: [{ name: "desc" }],
};

/**
 * Case-insensitive, literal "name contains". Prisma passes `%` and `_` through to LIKE as
 * wildcards, so they are escaped on PostgreSQL (ILIKE, backslash is its escape character). SQLite's
 * LIKE has no escape character unless the SQL says ESCAPE, which Prisma does not: there, a search
 * containing `%` or `_` (rare) looks the names up with instr() first. SQLite ignores ASCII case only.
 */
async function nameContains(db: Db, q: string): Promise<Where> {
  if (!q) return {};
  if (databaseKindOfDb(db) === "postgresql") {
    const filter = { contains: q.replace(/[\\%_]/g, (c) => `\\${c}`), mode: "insensitive" };
    return { name: filter as Prisma.StringFilter };
  }
  if (!/[%_]/.test(q)) return { name: { contains: q } };
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT id FROM Connector WHERE instr(lower(name), lower(${q})) > 0`;
  return { id: { in: rows.map((row) => row.id) } };
}

/** The search and grant filters, which the tiles' counts also respect. */
async function baseConditions(db: Db, params: DashboardParams): Promise<Where[]> {
  return [await nameContains(db, params.q), params.grant ? { grantType: params.grant } : {}].filter((w) => Object.keys(w).length > 0);
}

const ROW_SELECT = {
  id: true,
  name: true,
  grantType: true,
  credentialType: true,
  tokenUrl: true,
  apiBaseUrl: true,
  state: true,
  token: { select: { ...statusRowSelect, lastRefreshedAt: true, grantedScopes: true } },
} satisfies Prisma.ConnectorSelect;

type SelectedRow = Prisma.ConnectorGetPayload<{ select: typeof ROW_SELECT }>;

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
}

function toRow(row: SelectedRow, now: Date): DashboardRow {
  const token = row.token;
  const view = statusView(row, now);
  return {
    id: row.id,
    name: row.name,
    // API Key and Basic Auth connectors have no Access Token URL: their API Base URL names the vendor.
    vendorHost: hostOf(row.tokenUrl) || hostOf(row.apiBaseUrl ?? ""),
    grantType: grantTypeOf(row.grantType),
    credentialType: row.credentialType,
    status: view.status,
    summary: toStatusSummary(view),
    hasToken: token !== null && token.accessTokenEnc !== null,
    expiresAt: token?.expiresAt?.toISOString() ?? null,
    lastRefreshedAt: token?.lastRefreshedAt?.toISOString() ?? null,
    lastErrorCode: token?.lastErrorCode ?? null,
    grantedScopes: token?.grantedScopes ? scopesOf(token.grantedScopes) : null,
  };
}

export async function countByStatus(db: Db, conditions: Where[], now: Date): Promise<Record<TokenStatus, number>> {
  const counts = await Promise.all(TOKEN_STATUSES.map((status) => db.connector.count({ where: { AND: [...conditions, connectorsWithStatus(status, now)] } })));
  return Object.fromEntries(TOKEN_STATUSES.map((status, i) => [status, counts[i] ?? 0])) as Record<TokenStatus, number>;
}

function findPage(db: Db, where: Where, sort: DashboardSort, page: number) {
  return db.connector.findMany({ where, orderBy: ORDER[sort], skip: (page - 1) * DASHBOARD_PAGE_SIZE, take: DASHBOARD_PAGE_SIZE, select: ROW_SELECT });
}

export async function getDashboard(db: Db, params: DashboardParams, now: Date = new Date()): Promise<DashboardData> {
  const base = await baseConditions(db, params);
  const where: Where = { AND: params.status ? [...base, connectorsWithStatus(params.status, now)] : base };
  const [counts, firstTry, unfilteredTotal] = await Promise.all([
    countByStatus(db, base, now),
    findPage(db, where, params.sort, params.page),
    base.length ? db.connector.count() : Promise.resolve(null),
  ]);
  // The statuses partition all connectors (test/tokens/status.test.ts), so the counts add up to the totals.
  const sumOfCounts = TOKEN_STATUSES.reduce((sum, status) => sum + counts[status], 0);
  const matching = params.status ? counts[params.status] : sumOfCounts;
  const pageCount = Math.max(1, Math.ceil(matching / DASHBOARD_PAGE_SIZE));
  // A page past the end (the list shrank, or a stale link) shows the last page instead.
  const page = Math.min(params.page, pageCount);
  const rows = page === params.page ? firstTry : await findPage(db, where, params.sort, page);
  return {
    generatedAt: now.toISOString(),
    counts,
    totalConnectors: unfilteredTotal ?? sumOfCounts,
    matching,
    page,
    pageCount,
    pageSize: DASHBOARD_PAGE_SIZE,
    rows: rows.map((row) => toRow(row, now)),
  };
}
