/**
 * Issue 9 "Done when", refresh-token lifetimes, on a simulated clock:
 * (a) a vendor that says how long its refresh token lives (refresh_token_expires_in, QuickBooks'
 *     x_refresh_token_expires_in): the expiry is stored, shown ("Re-authorization due in 8
 *     days"), alerted 7 days and 1 day before (once each), and once it has passed the connector
 *     needs re-authorization and the vendor is not called;
 * (b) a refresh token that dies after 30 idle days (refreshTokenIdleDays) behind a long-lived
 *     access token is renewed by the refresher halfway, at day 15, so it never idles out;
 * (c) an absolute lifetime configured on the connector (refreshTokenMaxDays) starts at
 *     authorization.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { startScriptedServer, tokenResponse, type ScriptedRequest, type ScriptedResponse, type ScriptedServer } from "../support/scripted-server";
import { makeConnector, storeToken, testConfig } from "../support/token-fixtures";
import { configureAlerts, startAlertReceiver, type AlertReceiver } from "../support/alert-receiver";
import { DAY, HOUR, MINUTE, SECOND, useSimulatedClock, type SimulatedClock } from "../support/simulated-clock";
import { statusOf, tokenRowOf } from "../support/connector-status";
import { authorizeWithCode } from "../support/scripted-authorization";
import type { Db } from "@/lib/db";
import { SYSTEM_ACTOR } from "@/lib/events";
import { ensureFreshToken } from "@/lib/tokens/fresh-token";
import { refreshDueTokens } from "@/lib/tokens/refresher/loop";
import { reauthorizationDueText, toStatusSummary } from "@/lib/tokens/status-summary";

const config = testConfig();
const WORKER = { userId: null, label: "api-key:sync" };
let vendor: ScriptedServer;
let receiver: AlertReceiver;
let clock: SimulatedClock;
let issued = 0;

beforeAll(async () => {
  vendor = await startScriptedServer(() => tokenResponse("unused"));
  receiver = await startAlertReceiver();
});
afterAll(async () => {
  await vendor?.close();
  await receiver?.close();
});
beforeEach(() => {
  vendor.requests.length = 0;
  clock = useSimulatedClock();
});
afterEach(() => {
  clock.restore();
});

/** The vendor answers every grant with a new access token; `extra` adds fields (and may read the request). */
function vendorIssues(expiresInSeconds: number, extra: (request: ScriptedRequest) => Record<string, unknown> = () => ({})): void {
  vendor.respondWith((request): ScriptedResponse => tokenResponse(`access-${++issued}`, { expires_in: expiresInSeconds, ...extra(request) }));
}

const refreshCalls = () => vendor.requests.filter((request) => request.form.grant_type === "refresh_token").length;

/** A connector holding an hour-long token and a refresh token, with the clock just past its renewal time. */
async function dueRefreshTokenConnector(db: Db, lifetimes: { refreshTokenIdleDays?: number; refreshTokenMaxDays?: number } = {}): Promise<string> {
  const id = await makeConnector(db, config, { tokenUrl: vendor.url });
  // Lifetimes are not on the connector form: the vendor profile sets them on the row.
  if (Object.keys(lifetimes).length) await db.connector.update({ where: { id }, data: lifetimes });
  await storeToken(db, config, id, { access: "access-0", refresh: "refresh-0", expiresInMs: HOUR });
  clock.set((await tokenRowOf(db, id)).refreshDueAt!.getTime() + SECOND);
  return id;
}

const reauthorizationAlerts = (connectorId: string) => receiver.alertsFor(connectorId).filter((alert) => alert.event === "connector.reauthorization_due");

describeEachDatabase("refresh-token lifetimes", (ctx) => {
  beforeAll(async () => {
    await configureAlerts(ctx().db, config, receiver);
  });
  beforeEach(async () => {
    await ctx().db.token.deleteMany();
  });

  for (const field of ["refresh_token_expires_in", "x_refresh_token_expires_in"]) {
    it(`(a) ${field}: stored, shown 8 days ahead, alerted at 7 days and 1 day once each; once passed: needs re-authorization, no vendor call`, async () => {
      const { db } = ctx();
      const id = await dueRefreshTokenConnector(db);
      // The refresh token dies 8 days after this first renewal; the vendor reports what is left of it, in whole seconds.
      const dies = clock.now().getTime() + 8 * DAY;
      vendorIssues(3600, () => ({ [field]: Math.floor((dies - Date.now()) / SECOND) }));

      expect(await refreshDueTokens(db, config)).toMatchObject({ renewed: 1, reauthorizationAlerts: 0 });
      expect((await tokenRowOf(db, id)).refreshTokenExpiresAt).toEqual(new Date(dies));
      const view = await statusOf(db, id);
      expect(view).toMatchObject({ label: "Active", reauthorizationDueAt: new Date(dies) });
      const summary = toStatusSummary(view);
      expect(summary.reauthorizationDueAt).toBe(new Date(dies).toISOString());
      expect(reauthorizationDueText(summary.reauthorizationDueAt, clock.now())).toBe("Re-authorization due in 8 days");

      // A day later (the hourly renewals in between skipped): not yet 7 days out, no alert.
      clock.set(dies - 7 * DAY - MINUTE);
      expect(await refreshDueTokens(db, config)).toMatchObject({ reauthorizationAlerts: 0 });
      clock.set(dies - 7 * DAY);
      expect(await refreshDueTokens(db, config)).toMatchObject({ reauthorizationAlerts: 1 });
      expect(reauthorizationAlerts(id)).toEqual([
        expect.objectContaining({
          event: "connector.reauthorization_due",
          connector: expect.objectContaining({ id }),
          status: "active",
          reauthorizationDueAt: new Date(dies).toISOString(),
        }),
      ]);
      clock.advance(15 * SECOND);
      expect(await refreshDueTokens(db, config)).toMatchObject({ reauthorizationAlerts: 0 });
      expect(reauthorizationAlerts(id)).toHaveLength(1);

      clock.set(dies - DAY);
      expect(await refreshDueTokens(db, config)).toMatchObject({ reauthorizationAlerts: 1 });
      expect(reauthorizationAlerts(id)).toHaveLength(2);
      expect(reauthorizationDueText(toStatusSummary(await statusOf(db, id)).reauthorizationDueAt, clock.now())).toBe("Re-authorization due in 1 day");
      clock.advance(15 * SECOND);
      expect(await refreshDueTokens(db, config)).toMatchObject({ reauthorizationAlerts: 0 });

      // Expired: the connector needs re-authorization and nothing calls the vendor, not even a forced renewal.
      clock.set(dies + SECOND);
      const callsBefore = vendor.requests.length;
      expect(await statusOf(db, id)).toMatchObject({ label: "Needs re-authorization", failure: { code: "refresh_token_expired", retryAt: null } });
      expect(reauthorizationDueText(new Date(dies), clock.now())).toBeNull();
      expect(await refreshDueTokens(db, config)).toMatchObject({ selected: 0, reauthorizationAlerts: 0 });
      for (const force of [false, true]) {
        expect(await ensureFreshToken(db, config, id, { actor: WORKER, force })).toMatchObject({ ok: false, error: { code: "refresh_token_expired" } });
      }
      expect(vendor.requests).toHaveLength(callsBefore);
      expect(reauthorizationAlerts(id)).toHaveLength(2);
    });
  }

  it("(a) a renewal that reports the same expiry in whole seconds does not send the 7-day alert again", async () => {
    const { db } = ctx();
    const id = await dueRefreshTokenConnector(db);
    const dies = clock.now().getTime() + 8 * DAY;
    vendorIssues(3600, () => ({ refresh_token_expires_in: Math.floor((dies - Date.now()) / SECOND) }));
    await refreshDueTokens(db, config);
    clock.set(dies - 7 * DAY);
    expect(await refreshDueTokens(db, config)).toMatchObject({ reauthorizationAlerts: 1 });

    // The hourly renewal lands mid-second, as real responses do: the vendor's whole seconds put
    // the computed expiry a fraction of a second earlier. It is the same refresh token and the same expiry.
    clock.set(dies - 7 * DAY + HOUR + 500);
    expect(await refreshDueTokens(db, config)).toMatchObject({ renewed: 1 });
    expect(Math.abs((await tokenRowOf(db, id)).refreshTokenExpiresAt!.getTime() - dies)).toBeLessThan(SECOND);
    clock.advance(15 * SECOND);
    await refreshDueTokens(db, config);
    expect(reauthorizationAlerts(id)).toHaveLength(1);
  });

  it("(a) re-authorizing after the refresh token expired makes the connector Active again", async () => {
    const { db } = ctx();
    const id = await dueRefreshTokenConnector(db);
    vendorIssues(3600, () => ({ refresh_token_expires_in: (2 * DAY) / SECOND }));
    await refreshDueTokens(db, config);
    clock.advance(2 * DAY + SECOND);
    expect(await statusOf(db, id)).toMatchObject({ label: "Needs re-authorization" });

    // The vendor's authorization response says nothing about the new refresh token's lifetime.
    vendorIssues(3600, (request) => (request.form.grant_type === "authorization_code" ? { refresh_token: "refresh-new" } : {}));
    expect(await authorizeWithCode(db, config, id)).toMatchObject({ kind: "authorized" });
    expect(await statusOf(db, id)).toMatchObject({ label: "Active", failure: null, reauthorizationDueAt: null });
  });

  it("(b) refreshTokenIdleDays = 30 behind a 90-day access token: the refresher renews at day 15, never lets it idle to day 30", async () => {
    const { db } = ctx();
    const id = await dueRefreshTokenConnector(db, { refreshTokenIdleDays: 30 });
    vendorIssues((90 * DAY) / SECOND);
    expect(await refreshDueTokens(db, config)).toMatchObject({ renewed: 1 });
    const day0 = clock.now().getTime();
    const renewed = await tokenRowOf(db, id);
    expect(renewed.keepAliveAt).toEqual(new Date(day0 + 15 * DAY));
    expect(renewed.refreshDueAt!.getTime()).toBeGreaterThan(day0 + 30 * DAY);

    clock.set(day0 + 15 * DAY - MINUTE);
    expect(await refreshDueTokens(db, config)).toMatchObject({ selected: 0 });
    expect(refreshCalls()).toBe(1);
    clock.set(day0 + 15 * DAY);
    expect(await refreshDueTokens(db, config)).toMatchObject({ selected: 1, renewed: 1 });
    expect(refreshCalls()).toBe(2);
    expect((await tokenRowOf(db, id)).keepAliveAt).toEqual(new Date(day0 + 30 * DAY));
  });

  it("(b) the keep-alive starts at authorization: an authorized connector with refreshTokenIdleDays = 30 is renewed at day 15", async () => {
    const { db } = ctx();
    const id = await makeConnector(db, config, { tokenUrl: vendor.url });
    await db.connector.update({ where: { id }, data: { refreshTokenIdleDays: 30 } });
    vendorIssues((90 * DAY) / SECOND, (request) => (request.form.grant_type === "authorization_code" ? { refresh_token: "refresh-1" } : {}));
    const day0 = clock.now().getTime();
    expect(await authorizeWithCode(db, config, id)).toMatchObject({ kind: "authorized" });
    expect((await tokenRowOf(db, id)).keepAliveAt).toEqual(new Date(day0 + 15 * DAY));

    clock.set(day0 + 15 * DAY);
    expect(await refreshDueTokens(db, config)).toMatchObject({ renewed: 1 });
    expect(refreshCalls()).toBe(1);
  });

  it("(c) refreshTokenMaxDays = 90 sets the refresh token's expiry at authorization; renewals keep it, a new authorization restarts it", async () => {
    const { db } = ctx();
    const id = await makeConnector(db, config, { tokenUrl: vendor.url });
    await db.connector.update({ where: { id }, data: { refreshTokenMaxDays: 90 } });
    vendorIssues(3600, (request) => (request.form.grant_type === "authorization_code" ? { refresh_token: `refresh-${issued}` } : {}));
    const authorizedAt = clock.now().getTime();
    expect(await authorizeWithCode(db, config, id)).toMatchObject({ kind: "authorized" });
    expect((await tokenRowOf(db, id)).refreshTokenExpiresAt).toEqual(new Date(authorizedAt + 90 * DAY));
    expect(await statusOf(db, id)).toMatchObject({ reauthorizationDueAt: new Date(authorizedAt + 90 * DAY) });

    clock.advance(10 * DAY);
    expect(await ensureFreshToken(db, config, id, { actor: SYSTEM_ACTOR })).toMatchObject({ ok: true, refreshed: true });
    expect((await tokenRowOf(db, id)).refreshTokenExpiresAt).toEqual(new Date(authorizedAt + 90 * DAY));

    const reauthorizedAt = clock.now().getTime();
    expect(await authorizeWithCode(db, config, id)).toMatchObject({ kind: "authorized" });
    expect((await tokenRowOf(db, id)).refreshTokenExpiresAt).toEqual(new Date(reauthorizedAt + 90 * DAY));
  });
});
