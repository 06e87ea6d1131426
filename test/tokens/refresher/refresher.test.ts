/**
 * The background refresher against a scripted token endpoint on both databases: which tokens a
 * pass picks, what it stores after each kind of vendor answer (backoff, Retry-After, stop on
 * invalid_grant, credentials untouched by junk), and how many calls it keeps in flight.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachDatabase } from "../../support/databases";
import { errorResponse, startScriptedServer, tokenResponse, waitUntil, type ScriptedServer } from "../../support/scripted-server";
import { dueConnector, makeConnector, storeToken, testConfig } from "../../support/token-fixtures";
import type { Db } from "@/lib/db";
import { refreshDueTokens, startRefresher } from "@/lib/tokens/refresher/loop";
import { selectDueConnectors } from "@/lib/tokens/refresher/select-due";
import { startBackgroundRefresher, stopBackgroundRefresher } from "@/lib/tokens/refresher/background";
import { readStoredToken } from "@/lib/tokens/token-store";
import { ensureFreshToken } from "@/lib/tokens/fresh-token";

const config = testConfig();
let server: ScriptedServer;
let counter = 0;

beforeAll(async () => {
  server = await startScriptedServer(() => tokenResponse(`new-access-${++counter}`, { refresh_token: `new-refresh-${counter}` }));
});
afterAll(async () => {
  await server?.close();
});
beforeEach(() => {
  server.requests.length = 0;
  server.respondWith(() => tokenResponse(`new-access-${++counter}`, { refresh_token: `new-refresh-${counter}` }));
});

const row = (db: Db, connectorId: string) => db.token.findUniqueOrThrow({ where: { connectorId } });
const minutes = (n: number) => new Date(Date.now() + n * 60_000);

describeEachDatabase("background refresher", (ctx) => {
  // Each test sees only its own tokens: a pass picks every due token in the database.
  beforeEach(async () => {
    await ctx().db.token.deleteMany();
  });

  it("selects due, renewable, unleased tokens of enabled connectors outside backoff, failing ones included, most overdue first", async () => {
    const { db } = ctx();
    const make = async (label: string, token: Record<string, unknown>, grantType = "authorization_code") => {
      const id = await makeConnector(db, config, { tokenUrl: server.url, grantType: grantType as "authorization_code" });
      await db.token.create({ data: { id: `t-${id}`, connectorId: id, accessTokenEnc: "x", refreshTokenEnc: "y", status: "active", ...token } });
      return [label, id] as const;
    };
    const ids = Object.fromEntries([
      await make("due", { expiresAt: minutes(3), refreshDueAt: minutes(-2) }),
      await make("most overdue", { expiresAt: minutes(-10), refreshDueAt: minutes(-15) }),
      await make("fresh", { expiresAt: minutes(60), refreshDueAt: minutes(54) }),
      await make("no known expiry", { expiresAt: null, refreshDueAt: null }),
      await make("needs reauth", { expiresAt: minutes(-1), refreshDueAt: minutes(-6), status: "needs_reauth" }),
      await make("refused request, backoff over", { expiresAt: minutes(-1), refreshDueAt: minutes(-6), status: "refresh_failing", nextAttemptAt: minutes(-1) }),
      await make("client credentials refused, backing off", {
        expiresAt: minutes(-1),
        refreshDueAt: minutes(-7),
        status: "check_client",
        nextAttemptAt: minutes(10),
      }),
      await make("keep-alive due", { expiresAt: minutes(600), refreshDueAt: minutes(540), keepAliveAt: minutes(-1) }),
      await make("refresh token expired", { expiresAt: minutes(-1), refreshDueAt: minutes(-8), refreshTokenExpiresAt: minutes(-1) }),
      await make("backing off", { expiresAt: minutes(3), refreshDueAt: minutes(-2), status: "refresh_failing", nextAttemptAt: minutes(1) }),
      await make("backoff over", { expiresAt: minutes(3), refreshDueAt: minutes(-3), status: "refresh_failing", nextAttemptAt: minutes(-1) }),
      await make("no refresh token", { expiresAt: minutes(3), refreshDueAt: minutes(-4), refreshTokenEnc: null }),
      await make("client credentials", { expiresAt: minutes(3), refreshDueAt: minutes(-1), refreshTokenEnc: null }, "client_credentials"),
      await make("leased", { expiresAt: minutes(3), refreshDueAt: minutes(-2), leaseOwner: "other", leaseUntil: minutes(1) }),
      await make("lease expired", { expiresAt: minutes(3), refreshDueAt: minutes(-5), leaseOwner: "dead", leaseUntil: minutes(-1) }),
      await make(
        "never obtained (client credentials)",
        { accessTokenEnc: null, refreshTokenEnc: null, expiresAt: null, refreshDueAt: null },
        "client_credentials",
      ),
    ]);
    const disconnected = await make("disconnected", { expiresAt: minutes(-1), refreshDueAt: minutes(-9) });
    await db.connector.update({ where: { id: disconnected[1] }, data: { state: "disconnected" } });
    const selected = await selectDueConnectors(db, new Date(), 50);
    const label = (id: string) => Object.entries(ids).find(([, value]) => value === id)?.[0];
    expect(selected.map(label)).toEqual([
      "never obtained (client credentials)",
      "most overdue",
      "refused request, backoff over",
      "lease expired",
      "backoff over",
      "due",
      "client credentials",
      "keep-alive due",
    ]);
    expect(await selectDueConnectors(db, new Date(), 2)).toHaveLength(2);
  });

  it("a pass renews due tokens as the system actor and leaves fresh ones alone", async () => {
    const { db } = ctx();
    const due = await dueConnector(db, config, server.url);
    const fresh = await makeConnector(db, config, { tokenUrl: server.url });
    await storeToken(db, config, fresh, { access: "fresh-access", refresh: "fresh-refresh", expiresInMs: 3_600_000 });

    const report = await refreshDueTokens(db, config);
    expect(report).toMatchObject({ selected: 1, renewed: 1, failed: 0, crashed: 0 });
    expect(server.requests.map((r) => r.form)).toEqual([expect.objectContaining({ grant_type: "refresh_token", refresh_token: "old-refresh" })]);
    expect(await readStoredToken(db, config.keyRing, due)).toMatchObject({
      accessToken: expect.stringMatching(/^new-access-/),
      refreshToken: expect.stringMatching(/^new-refresh-/),
    });
    expect(await readStoredToken(db, config.keyRing, fresh)).toMatchObject({ accessToken: "fresh-access" });
    const event = await db.event.findFirstOrThrow({ where: { connectorId: due, type: "token.refreshed" } });
    expect(event.actorLabel).toBe("system");
  });

  it("honours Retry-After on 429, does not call again before it, and resets the count after a success", async () => {
    const { db } = ctx();
    const id = await dueConnector(db, config, server.url);
    server.respondWith(() => errorResponse(429, "rate_limited", { "retry-after": "120" }));
    const before = Date.now();
    expect(await refreshDueTokens(db, config, { random: () => 0 })).toMatchObject({ selected: 1, failed: 1 });
    const failed = await row(db, id);
    // One transient failure is recorded (and shown beside the status) without calling the connector failing.
    expect(failed).toMatchObject({ status: "active", failureCount: 1, lastErrorCode: "temporarily_unavailable", lastErrorDetail: "HTTP 429 · rate_limited" });
    expect(failed.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(before + 120_000);
    expect(failed.nextAttemptAt!.getTime()).toBeLessThanOrEqual(Date.now() + 120_000);

    expect(await refreshDueTokens(db, config)).toMatchObject({ selected: 0 });
    expect(server.requests).toHaveLength(1);

    await db.token.update({ where: { connectorId: id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
    server.respondWith(() => tokenResponse("after-backoff", { refresh_token: "refresh-after-backoff" }));
    expect(await refreshDueTokens(db, config)).toMatchObject({ renewed: 1 });
    expect(await row(db, id)).toMatchObject({ status: "active", failureCount: 0, nextAttemptAt: null, lastErrorCode: null });
  });

  it("backs off exponentially with jitter on 5xx, and calls it refresh failing after three in a row", async () => {
    const { db } = ctx();
    const id = await dueConnector(db, config, server.url);
    server.respondWith(() => errorResponse(503, "temporarily_unavailable"));
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const before = Date.now();
      await refreshDueTokens(db, config, { random: () => 0.5 });
      const stored = await row(db, id);
      expect(stored.failureCount).toBe(attempt);
      delays.push(Math.round((stored.nextAttemptAt!.getTime() - before) / 1000));
      await db.token.update({ where: { connectorId: id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
    }
    // Equal jitter (random 0.5): three quarters of a ceiling that starts at 30 s and grows fourfold.
    expect(delays.map((d) => Math.round(d / 7.5) * 7.5)).toEqual([22.5, 90, 360]);
    expect(await row(db, id)).toMatchObject({ status: "refresh_failing", lastErrorCode: "temporarily_unavailable" });
  });

  it("invalid_grant stops retries: needs re-authorization, no next attempt, credentials kept", async () => {
    const { db } = ctx();
    const id = await dueConnector(db, config, server.url);
    server.respondWith(() => errorResponse(400, "invalid_grant"));
    expect(await refreshDueTokens(db, config)).toMatchObject({ failed: 1 });
    expect(await row(db, id)).toMatchObject({ status: "needs_reauth", nextAttemptAt: null, failureCount: 1, lastErrorCode: "invalid_grant" });
    expect(await refreshDueTokens(db, config)).toMatchObject({ selected: 0 });
    expect(server.requests).toHaveLength(1);
    expect(await readStoredToken(db, config.keyRing, id)).toMatchObject({ accessToken: "old-access", refreshToken: "old-refresh" });
  });

  it.each([
    [
      "an HTML page with HTTP 200",
      { status: 200, headers: { "content-type": "text/html" }, body: "<!doctype html><title>Sign in</title>" },
      "malformed_response",
    ],
    [
      "an HTML error page with HTTP 502",
      { status: 502, headers: { "content-type": "text/html" }, body: "<html><body>Bad gateway</body></html>" },
      "server_error",
    ],
  ])("%s never changes the stored credentials and is retried with backoff", async (_label, answer, code) => {
    const { db } = ctx();
    const id = await dueConnector(db, config, server.url);
    const before = await row(db, id);
    server.respondWith(() => answer);
    await refreshDueTokens(db, config);
    const after = await row(db, id);
    expect(after).toMatchObject({
      status: "active",
      lastErrorCode: code,
      version: before.version,
      accessTokenEnc: before.accessTokenEnc,
      refreshTokenEnc: before.refreshTokenEnc,
      expiresAt: before.expiresAt,
    });
    expect(after.nextAttemptAt).not.toBeNull();
    expect(await selectDueConnectors(db, new Date(), 10)).toEqual([]);
    expect(await selectDueConnectors(db, after.nextAttemptAt!, 10)).toEqual([id]);
  });

  it("keeps at most `concurrency` vendor calls in flight", async () => {
    const { db } = ctx();
    const ids = [];
    for (let i = 0; i < 8; i++) ids.push(await dueConnector(db, config, server.url, { access: `a${i}`, refresh: `r${i}` }));
    // Hold every request until four wait together (or all that are left): a pass that ran more at once would show it.
    const held: (() => void)[] = [];
    let answered = 0;
    server.respondWith(
      () =>
        new Promise((resolve) => {
          held.push(() => resolve(tokenResponse(`bounded-${++answered}`)));
          if (held.length === 4 || held.length === 8 - answered) for (const release of held.splice(0)) release();
        }),
    );
    // Counted where the pass calls ensureFreshToken too: an unbounded pass would start all eight at once.
    let running = 0;
    let maxRunning = 0;
    const refresh = async (connectorId: string) => {
      maxRunning = Math.max(maxRunning, ++running);
      try {
        return await ensureFreshToken(db, config, connectorId);
      } finally {
        running -= 1;
      }
    };
    const report = await refreshDueTokens(db, config, { concurrency: 4, refresh });
    expect(report).toMatchObject({ selected: 8, renewed: 8 });
    expect(maxRunning).toBe(4);
    expect(server.maxInFlight()).toBe(4);
    expect(server.requests).toHaveLength(8);
  });

  it("the loop runs passes until stopped; the background refresher starts once per process", async () => {
    const { db } = ctx();
    await dueConnector(db, config, server.url);
    let calls = 0;
    const refresh = async () => {
      calls += 1;
      return {
        ok: false as const,
        error: {
          code: "network" as const,
          message: "",
          vendorError: null,
          description: null,
          httpStatus: null,
          excerpt: null,
          retryable: true,
          retryAfterSeconds: null,
        },
        shared: false,
        eventId: null,
      };
    };
    const loop = startRefresher(db, config, { intervalMs: 5, refresh });
    await waitUntil(() => calls >= 2, "two passes ran");
    await loop.stop();

    const listeners = process.listenerCount("SIGTERM");
    expect(startBackgroundRefresher(db, config, { intervalMs: 5, refresh })).toBe(true);
    expect(startBackgroundRefresher(db, config, { intervalMs: 5, refresh })).toBe(false);
    expect(process.listenerCount("SIGTERM")).toBe(listeners + 1);
    await stopBackgroundRefresher();
    expect(process.listenerCount("SIGTERM")).toBe(listeners);
  });
});
