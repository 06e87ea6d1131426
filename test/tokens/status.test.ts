import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { refreshDueAt, statusView, tokenStatus, TOKEN_STATUSES, type ConnectorStatusInput, type TokenStatus } from "@/lib/tokens/status";
import { connectorsWithStatus } from "@/lib/tokens/status-filter";

const now = new Date("2026-11-29T12:00:00Z");
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
const token = (fields: Record<string, unknown>) => ({ status: "active", accessTokenEnc: "x", expiresAt: minutes(60), refreshDueAt: minutes(54), ...fields });

/** One connector per stored outcome, plus edge cases at the boundaries; every status appears. */
const CASES: [string, ConnectorStatusInput, TokenStatus][] = [
  ["none", { token: null }, "not_authorized"],
  ["fresh", { token: token({}) }, "active"],
  ["due", { token: token({ expiresAt: minutes(3), refreshDueAt: minutes(-2) }) }, "expiring_soon"],
  ["due exactly now", { token: token({ expiresAt: minutes(5), refreshDueAt: now }) }, "expiring_soon"],
  ["expired", { token: token({ expiresAt: minutes(-1), refreshDueAt: minutes(-6) }) }, "expired"],
  ["expired exactly now", { token: token({ expiresAt: now, refreshDueAt: minutes(-5) }) }, "expired"],
  ["failing", { token: token({ status: "refresh_failing", expiresAt: minutes(-1), refreshDueAt: null }) }, "refresh_failing"],
  ["failing, still valid", { token: token({ status: "refresh_failing" }) }, "refresh_failing"],
  ["revoked", { token: token({ status: "needs_reauth", expiresAt: minutes(30), refreshDueAt: null }) }, "needs_reauth"],
  ["client credentials refused", { token: token({ status: "check_client" }) }, "check_client"],
  [
    "client credentials refused, no token ever",
    { token: token({ status: "check_client", accessTokenEnc: null, expiresAt: null, refreshDueAt: null }) },
    "check_client",
  ],
  ["no expiry", { token: token({ expiresAt: null, refreshDueAt: null }) }, "no_known_expiry"],
  ["one transient failure, still valid", { token: token({ lastErrorCode: "server_error" }) }, "active"],
  [
    "first token not obtained yet (transient failure)",
    { token: token({ accessTokenEnc: null, expiresAt: null, refreshDueAt: null, lastErrorCode: "timeout" }) },
    "not_authorized",
  ],
  ["refresh token expired", { token: token({ refreshTokenExpiresAt: minutes(-1) }) }, "needs_reauth"],
  ["refresh token expires later", { token: token({ refreshTokenExpiresAt: minutes(60 * 24 * 8) }) }, "active"],
  ["refresh token expired, client credentials refused", { token: token({ status: "check_client", refreshTokenExpiresAt: minutes(-1) }) }, "needs_reauth"],
  ["disconnected", { state: "disconnected", token: null }, "disconnected"],
  ["being deleted, token still there", { state: "deleting", token: token({}) }, "disconnected"],
];

describe("tokenStatus", () => {
  it.each(CASES)("%s", (_name, input, expected) => {
    expect(tokenStatus(input, now)).toBe(expected);
  });

  it("covers every status", () => {
    expect(new Set(CASES.map(([, , status]) => status))).toEqual(new Set(TOKEN_STATUSES));
  });

  it("a failed last attempt is visible beside the status with its class and a short reason", () => {
    const view = statusView(
      { token: { ...token({ lastErrorCode: "temporarily_unavailable", lastErrorDetail: "HTTP 503" }), nextAttemptAt: minutes(2) } as never },
      now,
    );
    expect(view).toMatchObject({
      status: "active",
      failure: { class: "transient", code: "temporarily_unavailable", reason: "Vendor unavailable or rate limiting · HTTP 503", retryAt: minutes(2) },
    });
    const stuck = statusView({ token: { ...token({ status: "needs_reauth", lastErrorCode: "invalid_grant" }), nextAttemptAt: null } as never }, now);
    expect(stuck.failure).toMatchObject({ class: "needs_reauth", retryAt: null });
    const expiredRefresh = statusView({ token: { ...token({ refreshTokenExpiresAt: minutes(-1), lastErrorCode: null }), nextAttemptAt: null } as never }, now);
    expect(expiredRefresh).toMatchObject({ status: "needs_reauth", failure: { code: "refresh_token_expired" }, reauthorizationDueAt: minutes(-1) });
    expect(statusView({ token: { ...token({}), lastErrorCode: null, nextAttemptAt: null } as never }, now).failure).toBeNull();
  });

  it("renews at the larger of the configured lead and 10% of the lifetime, but never before half of it", () => {
    expect(refreshDueAt(minutes(60), now)).toEqual(minutes(54));
    expect(refreshDueAt(minutes(10), now)).toEqual(minutes(5));
    expect(refreshDueAt(minutes(24 * 60), now)).toEqual(minutes(24 * 60 - 144));
    expect(refreshDueAt(minutes(60), now, 20 * 60_000)).toEqual(minutes(40));
    // A 120-second token (Keycloak's default) renews at about 60 s, not the moment it is stored.
    expect(refreshDueAt(new Date(now.getTime() + 120_000), now)).toEqual(new Date(now.getTime() + 60_000));
    expect(refreshDueAt(minutes(8), now)).toEqual(minutes(4));
    expect(refreshDueAt(null, now)).toBeNull();
  });
});

describeEachDatabase("status filters agree with tokenStatus", (ctx) => {
  beforeAll(async () => {
    const { db } = ctx();
    for (const [name, input] of CASES) {
      await db.connector.create({
        data: { id: name, name, grantType: "client_credentials", tokenUrl: "https://v.example/token", clientId: "c", state: input.state ?? "enabled" },
      });
      if (input.token) await db.token.create({ data: { id: `t-${name}`, connectorId: name, ...(input.token as unknown as Record<string, never>) } });
    }
  });
  afterAll(async () => {
    await ctx().db.connector.deleteMany();
  });

  it.each(TOKEN_STATUSES)("%s", async (status) => {
    const { db } = ctx();
    const rows = await db.connector.findMany({ where: connectorsWithStatus(status, now), select: { name: true } });
    const expected = CASES.filter(([, input]) => tokenStatus(input, now) === status).map(([name]) => name);
    expect(rows.map((r) => r.name).sort()).toEqual(expected.sort());
  });
});
