import { describe, expect, it } from "vitest";
import { dashboardHref, dashboardQuery, parseDashboardParams } from "@/lib/dashboard/params";
import { countdown } from "@/components/dashboard/countdown";

describe("dashboard search parameters", () => {
  it("parses valid values and falls back to defaults for bad ones", () => {
    expect(parseDashboardParams(new URLSearchParams("q=%20acme%20&status=needs_reauth&grant=client_credentials&sort=name_desc&page=3"))).toEqual({
      q: "acme",
      status: "needs_reauth",
      grant: "client_credentials",
      sort: "name_desc",
      page: 3,
    });
    expect(parseDashboardParams({ q: "x".repeat(500), status: "revoked", grant: "password", sort: "id; drop", page: "-2" })).toEqual({
      q: "",
      status: undefined,
      grant: undefined,
      sort: "expiry",
      page: 1,
    });
    expect(parseDashboardParams({ status: ["active", "expired"], page: "2.5", q: "" })).toMatchObject({ status: "active", page: 1, q: "" });
  });

  it("builds short links: defaults are left out, changes applied", () => {
    const params = parseDashboardParams({ q: "acme", page: "4" });
    expect(dashboardQuery(params)).toBe("q=acme&page=4");
    expect(dashboardHref(params, { status: "expired", page: 1 })).toBe("/?q=acme&status=expired");
    expect(dashboardHref(parseDashboardParams({}))).toBe("/");
  });
});

describe("countdown", () => {
  const now = Date.parse("2026-11-29T12:00:00Z");
  it.each([
    [59 * 60_000 + 58_000, "in 59m 58s"],
    [3 * 3600_000 + 4 * 60_000 + 10_000, "in 3h 04m 10s"],
    [2 * 86_400_000 + 5 * 3600_000 + 10 * 60_000, "in 2d 5h 10m"],
    [12_400, "in 12s"],
    [0, "in 0s"],
    [-90_000, "1m 30s ago"],
  ])("%i ms → %s", (offset, text) => {
    expect(countdown(now + offset, now)).toBe(text);
  });
});
