/**
 * The dashboard query against seeded data on both databases: every count, filter, search, sort
 * and page agrees with the one pure status function (lib/tokens/status.ts) applied in JS.
 */
import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { seedConnectors } from "@/scripts/bench/seed";
import { getDashboard, type DashboardRow } from "@/lib/dashboard/queries";
import { DASHBOARD_PAGE_SIZE, parseDashboardParams, type DashboardParams } from "@/lib/dashboard/params";
import { TOKEN_STATUSES, tokenStatus, type TokenStatus } from "@/lib/tokens/status";
import { statusRowSelect } from "@/lib/tokens/status-summary";
import type { Db } from "@/lib/db";

const now = new Date("2026-11-29T12:00:00Z");
const COUNT = 160;

interface Expected {
  id: string;
  name: string;
  grantType: string;
  status: TokenStatus;
  expiresAt: number | null;
}

/** Every connector with its status computed in JS: the reference the SQL must match. */
async function reference(db: Db): Promise<Expected[]> {
  const rows = await db.connector.findMany({ select: { id: true, name: true, grantType: true, state: true, token: { select: statusRowSelect } } });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    grantType: row.grantType,
    status: tokenStatus(row, now),
    expiresAt: row.token?.expiresAt?.getTime() ?? null,
  }));
}

/** All rows across every page. */
async function allPages(db: Db, params: Partial<DashboardParams>): Promise<DashboardRow[]> {
  const rows: DashboardRow[] = [];
  for (let page = 1; ; page++) {
    const data = await getDashboard(db, { ...parseDashboardParams({}), ...params, page }, now);
    rows.push(...data.rows);
    if (page >= data.pageCount) return rows;
  }
}

/** Code-unit order, as both databases compare names here (SQLite BINARY, PostgreSQL C collation). */
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byExpiry = (a: Expected, b: Expected) => {
  if (a.expiresAt === b.expiresAt) return byName(a.name, b.name);
  if (a.expiresAt === null || b.expiresAt === null) return a.expiresAt === null ? 1 : -1;
  return a.expiresAt - b.expiresAt;
};

describeEachDatabase("dashboard query", (ctx) => {
  let expected: Expected[];
  beforeAll(async () => {
    const { db } = ctx();
    await seedConnectors(db, { count: COUNT, now, chunkSize: 50 });
    // Names that would trip LIKE wildcards if the search did not escape them.
    await db.connector.createMany({
      data: [
        { id: "wild-1", name: "100%_done", grantType: "client_credentials", tokenUrl: "https://w.example/token", clientId: "w" },
        { id: "wild-2", name: "1000 done", grantType: "client_credentials", tokenUrl: "https://w.example/token", clientId: "w" },
        { id: "wild-3", name: "back\\slash", grantType: "client_credentials", tokenUrl: "https://w.example/token", clientId: "w" },
      ],
    });
    expected = await reference(db);
    // The seed has every status, so each filter below is meaningful.
    for (const status of TOKEN_STATUSES)
      expect(
        expected.some((e) => e.status === status),
        status,
      ).toBe(true);
  });

  it("counts each status like tokenStatus does, and the counts add up to all connectors", async () => {
    const data = await getDashboard(ctx().db, parseDashboardParams({}), now);
    for (const status of TOKEN_STATUSES) expect(data.counts[status], status).toBe(expected.filter((e) => e.status === status).length);
    expect(data.totalConnectors).toBe(COUNT + 3);
    expect(data.matching).toBe(COUNT + 3);
    expect(data.pageCount).toBe(Math.ceil((COUNT + 3) / DASHBOARD_PAGE_SIZE));
  });

  it.each(TOKEN_STATUSES)("filters by status %s across every page", async (status) => {
    const rows = await allPages(ctx().db, { status });
    expect(rows.every((row) => row.status === status)).toBe(true);
    expect(rows.map((r) => r.id).sort()).toEqual(
      expected
        .filter((e) => e.status === status)
        .map((e) => e.id)
        .sort(),
    );
  });

  it("each row's status is tokenStatus of its token", async () => {
    const rows = await allPages(ctx().db, {});
    const statusOf = new Map(expected.map((e) => [e.id, e.status]));
    expect(rows).toHaveLength(expected.length);
    for (const row of rows) expect(row.status, row.name).toBe(statusOf.get(row.id));
  });

  it("searches names case-insensitively, with % and _ taken literally", async () => {
    const { db } = ctx();
    const acme = expected
      .filter((e) => e.name.toLowerCase().includes("acme billing"))
      .map((e) => e.id)
      .sort();
    expect(acme.length).toBeGreaterThan(0);
    for (const q of ["acme billing", "ACME BILLING", "Acme Billing"]) {
      expect((await allPages(db, { q })).map((r) => r.id).sort(), q).toEqual(acme);
    }
    expect((await allPages(db, { q: "%_" })).map((r) => r.name)).toEqual(["100%_done"]);
    expect((await allPages(db, { q: "0%" })).map((r) => r.name)).toEqual(["100%_done"]);
    expect((await allPages(db, { q: "K\\S" })).map((r) => r.name)).toEqual(["back\\slash"]);
    expect(await allPages(db, { q: "no such connector" })).toEqual([]);
  });

  it("search, grant type and status combine; the tiles count within the search and grant type", async () => {
    const q = "storage";
    const grant = "authorization_code";
    const inScope = expected.filter((e) => e.name.toLowerCase().includes(q) && e.grantType === grant);
    const data = await getDashboard(ctx().db, { ...parseDashboardParams({}), q, grant, status: "active" }, now);
    for (const status of TOKEN_STATUSES) expect(data.counts[status], status).toBe(inScope.filter((e) => e.status === status).length);
    expect(data.matching).toBe(inScope.filter((e) => e.status === "active").length);
    expect(data.totalConnectors).toBe(COUNT + 3);
    expect(data.rows.every((row) => row.grantType === grant && row.status === "active" && row.name.toLowerCase().includes(q))).toBe(true);
  });

  it("sorts by expiry (soonest first, unknown last), both ways, and by name", async () => {
    const { db } = ctx();
    const ascending = [...expected].sort(byExpiry);
    expect((await allPages(db, { sort: "expiry" })).map((r) => r.id)).toEqual(ascending.map((e) => e.id));
    const withExpiry = (await allPages(db, { sort: "expiry_desc" })).filter((r) => r.expiresAt !== null).map((r) => Date.parse(r.expiresAt!));
    expect(withExpiry).toEqual([...withExpiry].sort((a, b) => b - a));
    const names = expected.map((e) => e.name).sort(byName);
    expect((await allPages(db, { sort: "name" })).map((r) => r.name)).toEqual(names);
    expect((await allPages(db, { sort: "name_desc" })).map((r) => r.name)).toEqual([...names].reverse());
  });

  it("pages do not overlap, and a page past the end shows the last page", async () => {
    const { db } = ctx();
    const first = await getDashboard(db, parseDashboardParams({ sort: "name" }), now);
    const second = await getDashboard(db, parseDashboardParams({ sort: "name", page: "2" }), now);
    expect(first.rows).toHaveLength(DASHBOARD_PAGE_SIZE);
    expect(second.page).toBe(2);
    expect(second.rows[0]!.name > first.rows.at(-1)!.name).toBe(true);
    const beyond = await getDashboard(db, parseDashboardParams({ sort: "name", page: "999" }), now);
    expect(beyond.page).toBe(beyond.pageCount);
    expect(beyond.rows.length).toBeGreaterThan(0);
  });

  it("rows carry only display fields", async () => {
    const data = await getDashboard(ctx().db, parseDashboardParams({}), now);
    for (const row of data.rows) {
      expect(Object.keys(row).sort()).toEqual([
        "credentialType",
        "expiresAt",
        "grantType",
        "grantedScopes",
        "hasToken",
        "id",
        "lastErrorCode",
        "lastRefreshedAt",
        "name",
        "status",
        "summary",
        "vendorHost",
      ]);
      expect(Object.keys(row.summary).sort()).toEqual(["failure", "reauthorizationDueAt", "status"]);
      expect(JSON.stringify(row)).not.toMatch(/v1\.seed|accessTokenEnc/);
    }
  });
});
