/**
 * Issue 9 "Done when", renewal timing: a vendor that issues 120-second tokens (Keycloak's
 * default) to a client-credentials connector. Workers ask for a token every simulated second
 * and the refresher passes every 15 simulated seconds; the vendor should see one call per token
 * lifetime, made about halfway through it (refreshDueAt caps the lead at 50%), and no worker
 * should ever be handed an expired token. When the early renewal fails, workers keep the stored
 * token (still valid) and the vendor is not asked again before the backoff ends.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { startScriptedServer, tokenResponse, type ScriptedServer } from "../support/scripted-server";
import { makeConnector, storeToken, testConfig } from "../support/token-fixtures";
import { SECOND, useSimulatedClock, type SimulatedClock } from "../support/simulated-clock";
import { tokenRowOf } from "../support/connector-status";
import type { Db } from "@/lib/db";
import { SYSTEM_ACTOR, type Actor } from "@/lib/events";
import { ensureFreshToken, type FreshTokenResult } from "@/lib/tokens/fresh-token";
import { refreshDueTokens } from "@/lib/tokens/refresher/loop";

const config = testConfig();
const LIFETIME_SECONDS = 120;
const PASS_EVERY_MS = 15 * SECOND;
/** Sync workers: the refresher's own actor and API keys (userId null: never a person). */
const WORKERS: Actor[] = [SYSTEM_ACTOR, { userId: null, label: "api-key:sync-a" }, { userId: null, label: "api-key:sync-b" }];

let vendor: ScriptedServer;
/** Simulated time of each vendor call: the scripted vendor runs in this process and reads the same clock. */
let calls: number[] = [];
let issued = 0;
let clock: SimulatedClock;

const issueToken = () => {
  calls.push(Date.now());
  return tokenResponse(`access-${++issued}`, { expires_in: LIFETIME_SECONDS });
};

beforeAll(async () => {
  vendor = await startScriptedServer(issueToken);
});
afterAll(async () => {
  await vendor?.close();
});
beforeEach(() => {
  calls = [];
  vendor.requests.length = 0;
  vendor.respondWith(issueToken);
  clock = useSimulatedClock();
});
afterEach(() => {
  clock.restore();
});

/** One simulated second: every worker asks at once, and the refresher runs its pass when one is due. */
async function tick(db: Db, connectorId: string, second: number): Promise<FreshTokenResult[]> {
  const asks = WORKERS.map((actor) => ensureFreshToken(db, config, connectorId, { actor }));
  const pass = (second * SECOND) % PASS_EVERY_MS === 0 ? refreshDueTokens(db, config) : Promise.resolve(null);
  const [results] = await Promise.all([Promise.all(asks), pass]);
  return results;
}

describeEachDatabase("renewal timing with 120-second tokens", (ctx) => {
  beforeEach(async () => {
    await ctx().db.token.deleteMany();
  });

  // A client-credentials connector gets its first token from the first worker's call; a refresh-token one starts with an authorized token.
  it.each(["client_credentials", "refresh_token"] as const)(
    "%s: renews about once per lifetime, near 60 s; on a failed early renewal workers keep the valid token and the vendor waits for the backoff",
    async (grant) => {
      const { db } = ctx();
      const start = clock.now().getTime();
      const id = await makeConnector(db, config, {
        tokenUrl: vendor.url,
        grantType: grant === "client_credentials" ? "client_credentials" : "authorization_code",
      });
      if (grant === "refresh_token")
        await storeToken(db, config, id, { access: `access-${++issued}`, refresh: "refresh-token", expiresInMs: LIFETIME_SECONDS * SECOND, issuedAgoMs: 0 });

      for (let second = 0; second < 600; second++) {
        clock.set(start + second * SECOND);
        for (const result of await tick(db, id, second)) {
          // Every worker gets a token, never an expired one.
          expect(result.ok).toBe(true);
          if (result.ok) expect(result.expiresAt!.getTime()).toBeGreaterThan(clock.now().getTime());
        }
      }

      // When each token was issued: the authorized one at the start, or the first worker's call.
      if (grant === "client_credentials") expect(calls[0]).toBe(start);
      const issuedAt = grant === "client_credentials" ? calls : [start, ...calls];
      const gaps = issuedAt.slice(1).map((at, index) => (at - issuedAt[index]!) / SECOND);
      for (const gap of gaps) {
        expect(gap).toBeGreaterThanOrEqual(55);
        expect(gap).toBeLessThanOrEqual(75);
      }
      // 600 s of 120 s tokens renewed at about 60 s: about ten tokens.
      expect(issuedAt.length).toBeGreaterThanOrEqual(9);
      expect(issuedAt.length).toBeLessThanOrEqual(11);
      if (grant === "refresh_token") expect(vendor.requests.every((request) => request.form.grant_type === "refresh_token")).toBe(true);

      // The vendor starts failing; the next early renewal is due 60 s after the last token was issued.
      const held = await tokenRowOf(db, id);
      const renewalDue = held.refreshDueAt!.getTime();
      expect(renewalDue - issuedAt.at(-1)!).toBe(60 * SECOND);
      vendor.respondWith(() => {
        calls.push(Date.now());
        return { status: 503, body: "" };
      });
      const callsBefore = calls.length;
      clock.set(renewalDue);
      const [worker] = await tick(db, id, (renewalDue - start) / SECOND);
      expect(calls).toHaveLength(callsBefore + 1);
      expect(worker).toMatchObject({ ok: true, expiresAt: held.expiresAt, renewalFailure: { code: "temporarily_unavailable" } });
      expect(worker!.ok && worker!.accessToken).toBe(`access-${issued}`);

      const failed = await tokenRowOf(db, id);
      expect(failed).toMatchObject({ failureCount: 1, lastErrorCode: "temporarily_unavailable", accessTokenEnc: held.accessTokenEnc, version: held.version });
      const retryAt = failed.nextAttemptAt!.getTime();
      // Transient backoff: the first retry comes 15–30 s later (lib/tokens/refresher/backoff.ts).
      expect(retryAt - renewalDue).toBeGreaterThanOrEqual(15 * SECOND);
      expect(retryAt - renewalDue).toBeLessThanOrEqual(30 * SECOND);

      // Workers and the refresher keep asking every second: no vendor call until the backoff ends, then one.
      for (let at = renewalDue + SECOND; at < retryAt; at += SECOND) {
        clock.set(at);
        for (const result of await tick(db, id, (at - start) / SECOND)) expect(result).toMatchObject({ ok: true, accessToken: `access-${issued}` });
      }
      expect(calls).toHaveLength(callsBefore + 1);
      clock.set(Math.ceil((retryAt - start) / SECOND) * SECOND + start);
      await tick(db, id, (clock.now().getTime() - start) / SECOND);
      expect(calls).toHaveLength(callsBefore + 2);
      expect(calls.at(-1)!).toBeGreaterThanOrEqual(retryAt);
    },
  );
});
