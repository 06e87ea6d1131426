import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { refreshDueAt, tokenStatus, TOKEN_STATUSES, type TokenStatusInput } from "@/lib/tokens/status";
import { connectorsWithStatus } from "@/lib/tokens/status-filter";

const now = new Date("2026-11-29T12:00:00Z");
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

/** One token per status, plus edge cases at the boundaries. */
const CASES: [string, TokenStatusInput | null, (typeof TOKEN_STATUSES)[number]][] = [
  ["none", null, "not_authorized"],
  ["fresh", { status: "active", expiresAt: minutes(60), refreshDueAt: minutes(54) }, "active"],
  ["due", { status: "active", expiresAt: minutes(3), refreshDueAt: minutes(-2) }, "expiring_soon"],
  ["due exactly now", { status: "active", expiresAt: minutes(5), refreshDueAt: now }, "expiring_soon"],
  ["expired", { status: "active", expiresAt: minutes(-1), refreshDueAt: minutes(-6) }, "expired"],
  ["expired exactly now", { status: "active", expiresAt: now, refreshDueAt: minutes(-5) }, "expired"],
  ["failing", { status: "refresh_failing", expiresAt: minutes(-1), refreshDueAt: null }, "refresh_failing"],
  ["revoked", { status: "needs_reauth", expiresAt: minutes(30), refreshDueAt: null }, "needs_reauth"],
  ["no expiry", { status: "active", expiresAt: null, refreshDueAt: null }, "no_known_expiry"],
  ["last attempt failed, still valid", { status: "error", expiresAt: minutes(60), refreshDueAt: minutes(54) }, "active"],
];

describe("tokenStatus", () => {
  it.each(CASES)("%s", (_name, token, expected) => {
    expect(tokenStatus(token, now)).toBe(expected);
  });

  it("renews at the larger of 5 minutes and 10% of the lifetime", () => {
    expect(refreshDueAt(minutes(60), now)).toEqual(minutes(54));
    expect(refreshDueAt(minutes(10), now)).toEqual(minutes(5));
    expect(refreshDueAt(minutes(24 * 60), now)).toEqual(minutes(24 * 60 - 144));
    expect(refreshDueAt(minutes(60), now, 20 * 60_000)).toEqual(minutes(40));
    expect(refreshDueAt(null, now)).toBeNull();
  });
});

describeEachDatabase("status filters agree with tokenStatus", (ctx) => {
  beforeAll(async () => {
    const { db } = ctx();
    for (const [name, token] of CASES) {
      await db.connector.create({ data: { id: name, name, grantType: "client_credentials", tokenUrl: "https://v.example/token", clientId: "c" } });
      if (token) await db.token.create({ data: { id: `t-${name}`, connectorId: name, accessTokenEnc: "x", ...token } });
    }
  });
  afterAll(async () => {
    await ctx().db.connector.deleteMany();
  });

  it.each(TOKEN_STATUSES)("%s", async (status) => {
    const { db } = ctx();
    const rows = await db.connector.findMany({ where: connectorsWithStatus(status, now), select: { name: true } });
    const expected = CASES.filter(([, token]) => tokenStatus(token, now) === status).map(([name]) => name);
    expect(rows.map((r) => r.name).sort()).toEqual(expected.sort());
  });
});
