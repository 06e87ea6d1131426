/**
 * Single flight inside one process, and the lease rules that make it safe across processes:
 * concurrent callers share one renewal, a writer whose lease is gone cannot store anything, and
 * invalid_grant re-reads the row before giving up (SECURITY 21–23).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { errorResponse, startScriptedServer, type ScriptedServer } from "../support/scripted-server";
import { adminActor, authorizedAtVendor, dueConnector, makeConnector, storeToken, testConfig, REDIRECT_URI } from "../support/token-fixtures";
import { startTestVendor, type TestVendor } from "@/e2e/vendor/test-vendor";
import type { Db } from "@/lib/db";
import { ensureFreshToken, refreshNow } from "@/lib/tokens/service";
import { tryAcquireLease } from "@/lib/tokens/lease";
import { LeaseLostError, readStoredToken, recordTokenFailure, storeTokenSet } from "@/lib/tokens/token-store";

const config = testConfig();
let vendor: TestVendor;
let scripted: ScriptedServer;

beforeAll(async () => {
  vendor = await startTestVendor({ autoApprove: true, redirectUris: [REDIRECT_URI] });
  scripted = await startScriptedServer(() => errorResponse(500, "server_error"));
});
afterAll(async () => {
  await vendor?.close();
  await scripted?.close();
});

/** The database, counting `token.updateMany` outside transactions: lease acquisitions and releases. */
function countingLeaseWrites(db: Db): { db: Db; leaseWrites: () => number } {
  let count = 0;
  const bound = (target: object, property: string | symbol) => {
    const value: unknown = Reflect.get(target, property);
    return typeof value === "function" ? value.bind(target) : value;
  };
  const token = new Proxy(db.token, {
    get(target, property) {
      if (property !== "updateMany") return bound(target, property);
      return (...args: Parameters<Db["token"]["updateMany"]>) => {
        count += 1;
        return target.updateMany(...args);
      };
    },
  });
  const proxy = new Proxy(db, { get: (target, property) => (property === "token" ? token : bound(target, property)) });
  return { db: proxy, leaseWrites: () => count };
}

const refreshGrants = () => vendor.tokenRequests().filter((r) => r.body.grant_type === "refresh_token");

describeEachDatabase("single flight in one process", (ctx) => {
  it("100 concurrent forced triggers make one lease attempt and one vendor call, and every caller gets the new token", async () => {
    const id = await authorizedAtVendor(ctx().db, config, vendor);
    const before = await readStoredToken(ctx().db, config.keyRing, id);
    const { db, leaseWrites } = countingLeaseWrites(ctx().db);
    vendor.requests.length = 0;

    const results = await Promise.all(Array.from({ length: 100 }, () => ensureFreshToken(db, config, id, { force: true })));

    expect(refreshGrants()).toHaveLength(1);
    expect(leaseWrites()).toBe(1);
    const tokens = new Set(results.map((r) => (r.ok ? r.accessToken : `failed: ${r.error.code}`)));
    expect(tokens.size).toBe(1);
    const after = await readStoredToken(db, config.keyRing, id);
    expect([...tokens][0]).toBe(after!.accessToken);
    expect(after!.accessToken).not.toBe(before!.accessToken);
    expect(after!.refreshToken).not.toBe(before!.refreshToken);
    expect(after!.version).toBe(before!.version + 1);
  });

  it("without force: a fresh token is returned as stored; a due one is renewed once for all concurrent callers", async () => {
    const { db } = ctx();
    const id = await authorizedAtVendor(db, config, vendor);
    const stored = await readStoredToken(db, config.keyRing, id);
    vendor.requests.length = 0;
    const fresh = await ensureFreshToken(db, config, id);
    expect(fresh).toMatchObject({ ok: true, accessToken: stored!.accessToken, refreshed: false });
    expect(refreshGrants()).toHaveLength(0);

    await db.token.update({ where: { connectorId: id }, data: { refreshDueAt: new Date(Date.now() - 1000) } });
    const results = await Promise.all(Array.from({ length: 50 }, () => ensureFreshToken(db, config, id)));
    expect(refreshGrants()).toHaveLength(1);
    expect(new Set(results.map((r) => r.ok && r.accessToken))).toEqual(new Set([(await readStoredToken(db, config.keyRing, id))!.accessToken]));
  });

  it("a writer whose lease expired and was taken over can neither store its token nor record a failure", async () => {
    const { db } = ctx();
    const id = await dueConnector(db, config, scripted.url);
    const stale = await tryAcquireLease(db, id, 1_000, new Date(Date.now() - 60_000));
    expect(stale).not.toBeNull();
    const current = await tryAcquireLease(db, id, 30_000);
    expect(current?.tookOverFrom).toBe(stale!.owner);
    const set = (access: string) => ({
      accessToken: access,
      refreshToken: `${access}-refresh`,
      tokenType: "Bearer",
      expiresAt: new Date(Date.now() + 3_600_000),
      scopes: null,
      extra: {},
    });

    await expect(storeTokenSet(db, config.keyRing, id, set("late"), { leaseOwner: stale!.owner })).rejects.toBeInstanceOf(LeaseLostError);
    await storeTokenSet(db, config.keyRing, id, set("newest"), { leaseOwner: current!.owner });
    await expect(storeTokenSet(db, config.keyRing, id, set("late"), { leaseOwner: stale!.owner })).rejects.toBeInstanceOf(LeaseLostError);
    expect(await recordTokenFailure(db, id, { code: "invalid_grant", message: "late failure" }, "needs_reauth", { leaseOwner: stale!.owner })).toBe(false);

    const row = await db.token.findUniqueOrThrow({ where: { connectorId: id } });
    expect(row).toMatchObject({ status: "active", leaseOwner: null, lastErrorCode: null });
    expect(await readStoredToken(db, config.keyRing, id)).toMatchObject({ accessToken: "newest", refreshToken: "newest-refresh" });
  });

  it("on invalid_grant, re-reads the row first: a token rotated by another writer meanwhile is used, nothing is marked", async () => {
    const { db } = ctx();
    const id = await dueConnector(db, config, scripted.url);
    scripted.respondWith(async () => {
      // Another instance stores a rotated token while our refresh request is at the vendor.
      await storeToken(db, config, id, { access: "rotated-elsewhere", refresh: "refresh-elsewhere", expiresInMs: 3_600_000, issuedAgoMs: 0 });
      return errorResponse(400, "invalid_grant");
    });
    const result = await ensureFreshToken(db, config, id, { force: true });
    expect(result).toMatchObject({ ok: true, accessToken: "rotated-elsewhere", shared: true });
    expect(await db.token.findUniqueOrThrow({ where: { connectorId: id } })).toMatchObject({ status: "active", lastErrorCode: null });
    expect(await db.event.count({ where: { connectorId: id, type: "token.refresh_shared" } })).toBe(1);
  });

  it("a caller that asked while another flight's attempt failed shares that failure instead of calling the vendor again", async () => {
    const { db } = ctx();
    const id = await dueConnector(db, config, scripted.url);
    scripted.requests.length = 0;
    scripted.respondWith(() => errorResponse(503, "temporarily_unavailable"));
    const admin = await adminActor(db);
    // Different flights in this process (a worker's forced call, an admin's Refresh now): only the lease serialises them.
    const [worker, manual] = await Promise.all([ensureFreshToken(db, config, id, { force: true }), refreshNow(db, config, admin, id)]);
    expect(scripted.requests).toHaveLength(1);
    expect(worker).toMatchObject({ ok: false, error: { code: "temporarily_unavailable" } });
    expect(manual).toMatchObject({ ok: false, error: { code: "temporarily_unavailable" } });
    const failure = await db.event.findFirstOrThrow({ where: { connectorId: id, type: "token.refreshed_failed" } });
    expect([worker.eventId, manual.eventId]).toEqual(expect.arrayContaining([failure.id]));
    // One transient failure is recorded beside the status; several in a row make it "refresh failing".
    expect(await db.token.findUniqueOrThrow({ where: { connectorId: id } })).toMatchObject({
      status: "active",
      failureCount: 1,
      lastErrorCode: "temporarily_unavailable",
    });
  });

  it("a Client Credentials connector without a token obtains one; an authorization-code one says it is not authorized", async () => {
    const { db } = ctx();
    const machine = await makeConnector(db, config, {
      grantType: "client_credentials",
      tokenUrl: vendor.tokenEndpoint,
      clientId: vendor.clients.machine.id,
      clientSecret: vendor.clients.machine.secret,
      scopes: ["api"],
    });
    const results = await Promise.all([ensureFreshToken(db, config, machine), ensureFreshToken(db, config, machine)]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await db.token.count({ where: { connectorId: machine } })).toBe(1);

    const code = await makeConnector(db, config, { tokenUrl: scripted.url });
    expect(await ensureFreshToken(db, config, code)).toMatchObject({ ok: false, error: { code: "not_authorized" } });
  });
});
