/**
 * Links over the dashboard's URL search parameters (`/?q=&status=&grant=&sort=&page=`). Apart
 * from the parsing schema in params.ts, so the browser's dashboard code builds links without
 * shipping zod and the connector schema (it reaches the catalog) to every visitor.
 */
import type { GrantType } from "../connectors/schema";
import type { TokenStatus } from "../tokens/status";

export const DASHBOARD_SORTS = ["expiry", "expiry_desc", "name", "name_desc"] as const;
export type DashboardSort = (typeof DASHBOARD_SORTS)[number];

export const DASHBOARD_PAGE_SIZE = 25;
export const MAX_SEARCH_LENGTH = 100;

/** What `parseDashboardParams` yields: every value present or defaulted. */
export interface DashboardParams {
  q: string;
  status?: TokenStatus;
  grant?: GrantType;
  sort: DashboardSort;
  page: number;
}

/** The query string for `params` with `changes` applied, leaving defaults out so links stay short. */
export function dashboardQuery(params: DashboardParams, changes: Partial<DashboardParams> = {}): string {
  const next = { ...params, ...changes };
  const query = new URLSearchParams();
  if (next.q) query.set("q", next.q);
  if (next.status) query.set("status", next.status);
  if (next.grant) query.set("grant", next.grant);
  if (next.sort !== "expiry") query.set("sort", next.sort);
  if (next.page > 1) query.set("page", String(next.page));
  return query.toString();
}

export function dashboardHref(params: DashboardParams, changes: Partial<DashboardParams> = {}): string {
  const query = dashboardQuery(params, changes);
  return query ? `/?${query}` : "/";
}
