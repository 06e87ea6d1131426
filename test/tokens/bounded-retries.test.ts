/**
 * Issue 9 "Done when", bounded retries: a vendor that refuses every refresh for a simulated
 * week, while ten sync workers ask for a token every simulated second (some forcing a renewal,
 * as the proxy's 401 retry and POST …/token/refresh do) and the refresher passes every 15 s.
 * Whatever the callers do, the vendor sees the backoff schedule and nothing more: after the
 * first hour, no 24-hour window holds more than 24 calls (the backoff's one-hour cap).
 *
 * Simulating all 6 million calls of that week is too slow (about 5 ms each), so the clock steps
 * densely (every second: ten workers, and the refresher whenever 15 s have passed since its last
 * pass) from 2 s before each moment the stored state allows a vendor call (nextAttemptAt) to 3 s
 * after it, and sparsely (every 10 simulated minutes, workers and refresher alike) in between:
 * about 2,000 steps, some 12 s per vendor and database. A caller that ignored the backoff would
 * show up in either kind of step.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { errorResponse, startScriptedServer, type ScriptedResponse, type ScriptedServer } from "../support/scripted-server";
import { makeConnector, storeToken, testConfig } from "../support/token-fixtures";
import { DAY, HOUR, MINUTE, SECOND, useSimulatedClock, type SimulatedClock } from "../support/simulated-clock";
import { tokenRowOf } from "../support/connector-status";
import type { Db } from "@/lib/db";
import { ensureFreshToken } from "@/lib/tokens/fresh-token";
import { refreshDueTokens } from "@/lib/tokens/refresher/loop";

const config = testConfig();
const WORKERS = Array.from({ length: 10 }, (_, index) => ({
  actor: { userId: null, label: `api-key:worker-${index}` },
  // Three of them force a renewal each time, as a worker whose vendor API keeps answering 401 would.
  force: index >= 7,
}));
const FORCED = WORKERS.filter((worker) => worker.force);
const PLAIN = WORKERS.filter((worker) => !worker.force);
const PASS_EVERY_MS = 15 * SECOND;
const DENSE_BEFORE_MS = 2 * SECOND;
const DENSE_AFTER_MS = 3 * SECOND;
const SPARSE_STEP_MS = 10 * MINUTE;
const WEEK = 7 * DAY;

let vendor: ScriptedServer;
let calls: number[] = [];
let clock: SimulatedClock;

beforeAll(async () => {
  vendor = await startScriptedServer(() => ({ status: 500, body: "" }));
});
afterAll(async () => {
  await vendor?.close();
});
beforeEach(() => {
  calls = [];
  clock = useSimulatedClock();
});
afterEach(() => {
  clock.restore();
});

/** Runs the simulated week; returns nothing, the vendor's call times are in `calls`. */
async function simulateWeek(db: Db, connectorId: string, start: number): Promise<void> {
  let lastPass = -Infinity;
  const ask = ({ actor, force }: (typeof WORKERS)[number]) => ensureFreshToken(db, config, connectorId, { actor, force });
  const step = async (at: number, dense: boolean) => {
    clock.set(at);
    const passDue = !dense || at - lastPass >= PASS_EVERY_MS;
    if (passDue) lastPass = at;
    // Two waves a second rather than all ten at once: flights racing for the lease would only add
    // its real-time polling to the run time (single-flight.test.ts covers concurrent callers).
    // Which wave goes first alternates with each vendor call, so both kinds of caller meet the
    // moment a call is allowed.
    const forcedFirst = calls.length % 2 === 0;
    const [first, second] = forcedFirst ? [FORCED, PLAIN] : [PLAIN, FORCED];
    await Promise.all([...first.map(ask), passDue ? refreshDueTokens(db, config) : null]);
    await Promise.all(second.map(ask));
  };
  let t = start;
  const end = start + WEEK;
  while (t < end) {
    const allowedAt = (await tokenRowOf(db, connectorId)).nextAttemptAt?.getTime() ?? t;
    if (t < allowedAt - DENSE_BEFORE_MS) {
      await step(t, false);
      t = Math.min(t + SPARSE_STEP_MS, allowedAt - DENSE_BEFORE_MS);
      continue;
    }
    for (const denseEnd = Math.max(t, allowedAt) + DENSE_AFTER_MS; t < denseEnd && t < end; t += SECOND) await step(t, true);
  }
}

/** The most calls in any 24-hour window [s, s + 24 h) that starts an hour or more after the first call. */
function busiestDayAfterFirstHour(times: number[]): number {
  const from = times[0]! + HOUR;
  let busiest = 0;
  // The busiest window can always be slid forward to start at a call.
  for (const [index, startAt] of times.entries()) {
    if (startAt < from) continue;
    busiest = Math.max(busiest, times.slice(index).filter((at) => at < startAt + DAY).length);
  }
  return busiest;
}

const VENDORS: [string, () => ScriptedResponse][] = [
  ["503 (no Retry-After)", () => ({ status: 503, body: "" })],
  ['{"error":"invalid_scope"} with HTTP 400', () => errorResponse(400, "invalid_scope")],
];

describeEachDatabase("bounded retries against a vendor that always fails", (ctx) => {
  beforeEach(async () => {
    await ctx().db.token.deleteMany();
  });

  it.each(VENDORS)(
    "%s: at most 24 vendor calls in any 24 hours after the first hour, retried all week",
    async (_name, answer) => {
      const { db } = ctx();
      vendor.respondWith(() => {
        calls.push(Date.now());
        return answer();
      });
      const id = await makeConnector(db, config, { tokenUrl: vendor.url });
      await storeToken(db, config, id, { access: "old-access", refresh: "old-refresh", expiresInMs: HOUR });
      const start = (await tokenRowOf(db, id)).refreshDueAt!.getTime();

      await simulateWeek(db, id, start);

      expect(calls[0]).toBe(start);
      expect(busiestDayAfterFirstHour(calls)).toBeLessThanOrEqual(24);
      // Bounded, not stopped: once the ramp (well under an hour) is over, one attempt every hour.
      const gaps = calls.slice(1).map((at, index) => at - calls[index]!);
      expect(gaps.filter((gap) => gap < HOUR).reduce((sum, gap) => sum + gap, 0)).toBeLessThan(HOUR);
      expect(gaps.slice(-100).every((gap) => gap === HOUR)).toBe(true);
      expect(calls.length).toBeGreaterThanOrEqual(7 * 24 - 1);
      // Stored credentials were never touched, and the failure is what the row says.
      expect(await tokenRowOf(db, id)).toMatchObject({ version: 1, failureCount: calls.length, status: "refresh_failing" });
    },
    60_000,
  );
});
