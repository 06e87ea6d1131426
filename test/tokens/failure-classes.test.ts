/**
 * Issue 9 "Done when", failure classes: each kind of answer a vendor gives to a refresh, met by
 * the background refresher on a due token, ends in the status its class promises (one shared
 * statusView), a retry schedule from that class's backoff (or none for invalid_grant), stored
 * credentials left as they were (SECURITY 24), and one alert when the stored status turns to a
 * failing one, then one when a renewal succeeds again.
 *
 * Real parts: the scripted vendor and the alert receiver are local HTTP servers, the databases
 * are SQLite and PostgreSQL. Only Date is simulated, to step past backoff windows.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { errorResponse, startScriptedServer, tokenResponse, type ScriptedResponse, type ScriptedServer } from "../support/scripted-server";
import { adminActor, makeConnector, storeToken, testConfig } from "../support/token-fixtures";
import { configureAlerts, startAlertReceiver, type AlertReceiver } from "../support/alert-receiver";
import { eventually, HOUR, SECOND, useSimulatedClock, type SimulatedClock } from "../support/simulated-clock";
import { statusOf, tokenRowOf } from "../support/connector-status";
import type { FailureClass } from "@/lib/oauth";
import { refreshDueTokens } from "@/lib/tokens/refresher/loop";
import { selectDueConnectors } from "@/lib/tokens/refresher/select-due";
import { BACKOFF_BY_CLASS } from "@/lib/tokens/refresher/backoff";
import { leasedCallTimeoutMs } from "@/lib/tokens/transport";
import { refreshNow } from "@/lib/tokens/service";

// A 2 s lease gives vendor calls a 1 s deadline (transport.ts), so the timeout case is quick.
const config = testConfig({ leaseTtlMs: 2_000 });
const CALL_TIMEOUT_MS = leasedCallTimeoutMs(config.leaseTtlMs);

interface FailureCase {
  name: string;
  answer: () => ScriptedResponse | Promise<ScriptedResponse>;
  /** The stored error code (lib/oauth/error-classification.ts). */
  code: string;
  failureClass: FailureClass;
  /** The status label right after the first failure. */
  label: string;
  /** The stored status and the alert it raises, for classes that fail at once. */
  alert: { status: string; event: string } | null;
  retryAfterMs?: number;
}

const REFRESH_FAILING = { status: "refresh_failing", event: "connector.refresh_failing" };

const CASES: FailureCase[] = [
  {
    name: "an HTML page with HTTP 200",
    answer: () => ({ status: 200, headers: { "content-type": "text/html" }, body: "<!doctype html><html><body><form>Sign in</form></body></html>" }),
    code: "malformed_response",
    failureClass: "transient",
    label: "Expiring soon",
    alert: null,
  },
  {
    name: '{"error":"invalid_scope"} with HTTP 400',
    answer: () => errorResponse(400, "invalid_scope"),
    code: "invalid_scope",
    failureClass: "refresh_failing",
    label: "Refresh failing",
    alert: REFRESH_FAILING,
  },
  {
    name: '{"error":"invalid_client"} with HTTP 401',
    answer: () => errorResponse(401, "invalid_client"),
    code: "invalid_client",
    failureClass: "check_client",
    label: "Check client credentials",
    alert: { status: "check_client", event: "connector.check_client_credentials" },
  },
  {
    name: "a bare 401 without a body",
    answer: () => ({ status: 401, body: "" }),
    code: "http_error",
    failureClass: "transient",
    label: "Expiring soon",
    alert: null,
  },
  {
    name: "a bare 401 with a text body",
    answer: () => ({ status: 401, headers: { "content-type": "text/plain" }, body: "Unauthorized" }),
    code: "http_error",
    failureClass: "transient",
    label: "Expiring soon",
    alert: null,
  },
  {
    name: "503 with Retry-After: 120",
    answer: () => ({ status: 503, headers: { "retry-after": "120" }, body: "" }),
    code: "temporarily_unavailable",
    failureClass: "transient",
    label: "Expiring soon",
    alert: null,
    retryAfterMs: 120 * SECOND,
  },
  {
    name: "no answer before the call's deadline",
    // Held past the deadline; whatever comes after it arrives on a closed connection.
    answer: () => new Promise((resolve) => setTimeout(() => resolve(tokenResponse("too-late")), CALL_TIMEOUT_MS + 1_500)),
    code: "timeout",
    failureClass: "transient",
    label: "Expiring soon",
    alert: null,
  },
  {
    name: '{"error":"invalid_grant"} with HTTP 400',
    answer: () => errorResponse(400, "invalid_grant"),
    code: "invalid_grant",
    failureClass: "needs_reauth",
    label: "Needs re-authorization",
    alert: { status: "needs_reauth", event: "connector.needs_reauth" },
  },
];

/** Where the n-th consecutive failure's retry may fall: equal jitter below the cap, the cap exactly, never before Retry-After. */
function backoffWindow(failureClass: Exclude<FailureClass, "needs_reauth">, failureCount: number, retryAfterMs = 0): [number, number] {
  const policy = BACKOFF_BY_CLASS[failureClass];
  const ceiling = policy.baseMs * 4 ** (failureCount - 1);
  const [low, high] = ceiling >= policy.capMs ? [policy.capMs, policy.capMs] : [ceiling / 2, ceiling];
  return [Math.max(low, retryAfterMs), Math.max(high, retryAfterMs)];
}

let vendor: ScriptedServer;
let receiver: AlertReceiver;
let clock: SimulatedClock;

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

describeEachDatabase("failure classes through the background refresher", (ctx) => {
  beforeAll(async () => {
    await configureAlerts(ctx().db, config, receiver);
  });
  // A pass takes every due token in the database: each test sees only its own.
  beforeEach(async () => {
    await ctx().db.token.deleteMany();
  });

  it.each(CASES)("$name", async (failure) => {
    const { db } = ctx();
    const id = await makeConnector(db, config, { tokenUrl: vendor.url });
    await storeToken(db, config, id, { access: "old-access", refresh: "old-refresh", expiresInMs: HOUR });
    const before = await tokenRowOf(db, id);
    // An hour-long token is due 6 minutes before it expires (10% of its lifetime): step just past that.
    clock.set(before.refreshDueAt!.getTime() + 10 * SECOND);
    vendor.respondWith(failure.answer);

    // Transient failures are retried; only the third in a row counts as "Refresh failing".
    const failures = failure.failureClass === "transient" ? 3 : 1;
    for (let count = 1; count <= failures; count++) {
      const failedAt = clock.now().getTime();
      expect(await refreshDueTokens(db, config)).toMatchObject({ selected: 1, renewed: 0, failed: 1, crashed: 0 });
      expect(vendor.requests).toHaveLength(count);
      expect(vendor.requests.at(-1)!.form).toMatchObject({ grant_type: "refresh_token", refresh_token: "old-refresh" });

      const row = await tokenRowOf(db, id);
      // A failure never touches the credentials (SECURITY 24).
      expect(row).toMatchObject({
        accessTokenEnc: before.accessTokenEnc,
        refreshTokenEnc: before.refreshTokenEnc,
        version: before.version,
        expiresAt: before.expiresAt,
      });
      expect(row).toMatchObject({ failureCount: count, lastErrorCode: failure.code });

      const view = await statusOf(db, id);
      expect(view.label).toBe(count === 3 ? "Refresh failing" : failure.label);
      expect(view.failure).toMatchObject({ class: failure.failureClass, code: failure.code });

      if (failure.failureClass === "needs_reauth") {
        // No automatic retry, ever: nothing scheduled, never selected again.
        expect(row.nextAttemptAt).toBeNull();
        expect(view.failure!.retryAt).toBeNull();
        expect(await selectDueConnectors(db, new Date(failedAt + 30 * 24 * HOUR), 100)).not.toContain(id);
        clock.advance(HOUR);
        expect(await refreshDueTokens(db, config)).toMatchObject({ selected: 0 });
        expect(vendor.requests).toHaveLength(1);
        continue;
      }

      const next = row.nextAttemptAt!;
      expect(view.failure!.retryAt).toEqual(next);
      const [low, high] = backoffWindow(failure.failureClass, count, failure.retryAfterMs);
      expect(next.getTime() - failedAt).toBeGreaterThanOrEqual(low);
      expect(next.getTime() - failedAt).toBeLessThanOrEqual(high);

      // Not selected (and no vendor call) before the backoff ends; selected once it has.
      expect(await selectDueConnectors(db, new Date(next.getTime() - 1), 100)).not.toContain(id);
      clock.set(next.getTime() - SECOND);
      expect(await refreshDueTokens(db, config)).toMatchObject({ selected: 0 });
      expect(vendor.requests).toHaveLength(count);
      expect(await selectDueConnectors(db, next, 100)).toContain(id);
      clock.set(next);

      if (count < 3 && failure.failureClass === "transient") expect(receiver.alertsFor(id)).toEqual([]);
    }

    const failingAlert = failure.alert ?? REFRESH_FAILING;
    await eventually(() => receiver.alertsFor(id).length === 1, `the ${failingAlert.event} alert arrived`);
    expect(receiver.alertsFor(id)[0]).toMatchObject({ event: failingAlert.event, connector: { id }, status: failingAlert.status, errorCode: failure.code });

    // A successful renewal: by the refresher once the backoff is over, or (needs re-authorization) by an admin's Refresh now.
    vendor.respondWith(() => tokenResponse("new-access", { refresh_token: "new-refresh" }));
    if (failure.failureClass === "needs_reauth") expect(await refreshNow(db, config, await adminActor(db), id)).toMatchObject({ ok: true });
    else expect(await refreshDueTokens(db, config)).toMatchObject({ selected: 1, renewed: 1 });
    expect(await statusOf(db, id)).toMatchObject({ label: "Active", failure: null });
    expect(await tokenRowOf(db, id)).toMatchObject({ status: "active", failureCount: 0, nextAttemptAt: null, lastErrorCode: null });

    await eventually(() => receiver.alertsFor(id).length >= 2, "the connector.recovered alert arrived");
    // Exactly these two: none for the transient failures before the third, none repeated.
    expect(receiver.alertsFor(id).map((alert) => alert.event)).toEqual([failingAlert.event, "connector.recovered"]);
    expect(receiver.alertsFor(id)[1]).toMatchObject({ connector: { id }, status: "active", errorCode: null });
  });
});
