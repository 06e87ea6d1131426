/**
 * SECURITY 21–22 across processes, for real: two app processes (test/support/refresh-worker.ts)
 * share one database; the test vendor (oidc-provider) issues single-use refresh tokens and counts
 * the calls. 200 concurrent forced refresh triggers, 100 in each process, must produce exactly
 * one vendor refresh, give every caller the new token, and leave the newest refresh token stored.
 *
 * The token endpoint sits behind a gate held until both processes report that all their callers
 * have asked: a renewal that finished before a caller asked would rightly not be shared with it,
 * and this way the outcome does not depend on how fast each process starts.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { startGateProxy, type GateProxy } from "../support/gate-proxy";
import { adminActor, authorizedAtVendor, keyRingEntry, testConfig, REDIRECT_URI } from "../support/token-fixtures";
import { startWorker, type WorkerProcess } from "../support/worker-processes";
import { startTestVendor, type TestVendor } from "@/e2e/vendor/test-vendor";
import { readStoredToken } from "@/lib/tokens/token-store";
import { refreshNow } from "@/lib/tokens/service";

const keys = keyRingEntry();
const config = testConfig({}, keys);
let vendor: TestVendor;
let gate: GateProxy;

beforeAll(async () => {
  vendor = await startTestVendor({ autoApprove: true, redirectUris: [REDIRECT_URI], rotateRefreshTokens: true });
  gate = await startGateProxy(vendor.tokenEndpoint);
});
afterAll(async () => {
  await gate?.close();
  await vendor?.close();
});

const refreshGrants = () => vendor.tokenRequests().filter((r) => r.body.grant_type === "refresh_token");

describeEachDatabase("two app processes, one database, single-use refresh tokens", (ctx) => {
  let workers: WorkerProcess[] = [];
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
  });

  it(
    "200 concurrent refresh triggers produce exactly one vendor refresh; every caller gets the new token; the newest refresh token is stored",
    { timeout: 120_000 },
    async () => {
      const { db, url } = ctx();
      const id = await authorizedAtVendor(db, config, vendor, gate.url);
      const before = (await readStoredToken(db, config.keyRing, id))!;
      const env = {
        DATABASE_URL: url,
        LATCHKEY_ENCRYPTION_KEYS: keys,
        AUTH_SECRET: "s".repeat(40),
        NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(32, 5).toString("base64"),
        LATCHKEY_DEV_ALLOW_LOOPBACK: "1",
        LATCHKEY_PUBLIC_URL: "http://localhost:3999",
      };
      workers = await Promise.all([startWorker(env), startWorker(env)]);

      vendor.requests.length = 0;
      gate.vendorAnswers.length = 0;
      gate.hold();
      for (const worker of workers) worker.go(id, 100, true);
      await Promise.all(workers.map((worker) => worker.next("triggered")));
      await gate.open();
      const [first, second] = await Promise.all(workers.map((worker) => worker.results()));
      const all = [...first!, ...second!];

      // The vendor saw one refresh_token grant, with the refresh token stored before.
      expect(refreshGrants()).toHaveLength(1);
      expect(refreshGrants()[0]!.body.refresh_token).toBe(before.refreshToken);
      expect(gate.vendorAnswers).toHaveLength(1);
      const issued = JSON.parse(gate.vendorAnswers[0]!.body) as { access_token: string; refresh_token: string };

      // All 200 callers got the new access token: one process renewed it, the other shared it.
      expect(all).toHaveLength(200);
      expect(new Set(all.map((r) => (r.ok ? r.accessToken : `failed: ${r.code}`)))).toEqual(new Set([issued.access_token]));
      expect(issued.access_token).not.toBe(before.accessToken);
      const renewedIn = [first!, second!].map((results) => results.filter((r) => r.ok && r.refreshed).length).sort();
      expect(renewedIn).toEqual([0, 100]);

      // The stored refresh token is the one the vendor issued last, and the vendor accepts it.
      const after = (await readStoredToken(db, config.keyRing, id))!;
      expect(after).toMatchObject({ accessToken: issued.access_token, refreshToken: issued.refresh_token, version: before.version + 1, status: "active" });
      expect(await db.event.count({ where: { connectorId: id, type: "token.refreshed" } })).toBe(1);
      // An admin's Refresh now (automatic forced renewals would share the call of the last 10 s).
      expect(await refreshNow(db, config, await adminActor(db), id)).toMatchObject({ ok: true });
      expect(refreshGrants().at(-1)!.body.refresh_token).toBe(issued.refresh_token);
    },
  );
});
