/**
 * The dashboard's URL search parameters (`/?q=&status=&grant=&sort=&page=`), one schema for the
 * page, the polling route handler and the links that build them. A hand-edited or stale URL
 * never fails: each bad value falls back to its default, so the page still answers.
 */
import { z } from "zod";
import { TOKEN_STATUSES } from "../tokens/status";
import { GRANT_TYPES } from "../connectors/schema";
import { DASHBOARD_SORTS, MAX_SEARCH_LENGTH, type DashboardParams } from "./links";

export { DASHBOARD_PAGE_SIZE, DASHBOARD_SORTS, MAX_SEARCH_LENGTH, dashboardHref, dashboardQuery, type DashboardParams, type DashboardSort } from "./links";

/** 10,000 connectors are 400 pages; the cap only keeps OFFSET bounded. */
const MAX_PAGE = 100_000;

export const dashboardParamsSchema = z.object({
  q: z.string().trim().max(MAX_SEARCH_LENGTH).catch(""),
  status: z.enum(TOKEN_STATUSES).optional().catch(undefined),
  grant: z.enum(GRANT_TYPES).optional().catch(undefined),
  sort: z.enum(DASHBOARD_SORTS).catch("expiry"),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1),
});

type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

/** The first value of each parameter; empty strings count as absent. */
function firstValues(raw: RawParams): Record<string, string | undefined> {
  const read = (name: string) => {
    const value = raw instanceof URLSearchParams ? raw.get(name) : raw[name];
    const first = Array.isArray(value) ? value[0] : value;
    return first === null || first === "" ? undefined : first;
  };
  return Object.fromEntries(["q", "status", "grant", "sort", "page"].map((name) => [name, read(name)]));
}

export function parseDashboardParams(raw: RawParams): DashboardParams {
  return dashboardParamsSchema.parse(firstValues(raw));
}
