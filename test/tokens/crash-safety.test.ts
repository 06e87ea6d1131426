/**
 * A process killed (SIGKILL) in the middle of a refresh. The child app process takes the lease
 * and sends its refresh request into a gate that holds it; the test kills the child there.
 *
 * A: the request never reached the vendor. After the lease expires, the next refresh takes over
 *    and succeeds with the old refresh token: nothing was lost.
 * B: the vendor received it and rotated the refresh token, but the child died before storing
 *    the answer. The next refresh meets invalid_grant after taking over a dead owner's lease,
 *    and the status says exactly that: needs re-authorization, "interrupted_rotation".
 * In both, the stored token stays readable throughout.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { startGateProxy, type GateProxy } from "../support/gate-proxy";
import { waitUntil } from "../support/scripted-server";
import { adminActor, authorizedAtVendor, keyRingEntry, testConfig, REDIRECT_URI } from "../support/token-fixtures";
import { startWorker } from "../support/worker-processes";
import { startTestVendor, type TestVendor } from "@/e2e/vendor/test-vendor";
import type { Db } from "@/lib/db";
import { adviceFor } from "@/lib/tokens/failure-status";
import { ensureFreshToken } from "@/lib/tokens/service";
import { tokenStatus } from "@/lib/tokens/status";
import { INTERRUPTED_ROTATION_MESSAGE } from "@/lib/tokens/token-failure";
import { readStoredToken } from "@/lib/tokens/token-store";

// The child's vendor call may last half of this: long enough that it is still waiting when the test kills it.
const LEASE_TTL_SECONDS = 6;
const keys = keyRingEntry();
const config = testConfig({ leaseTtlMs: LEASE_TTL_SECONDS * 1000 }, keys);
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

/** Authorizes a connector, then lets a child process start refreshing it and kills the child while its request is held. */
async function killedMidRefresh(db: Db, url: string, whileHeld: "drop" | "forward") {
  const id = await authorizedAtVendor(db, config, vendor, gate.url);
  const before = (await readStoredToken(db, config.keyRing, id))!;
  const worker = await startWorker({
    DATABASE_URL: url,
    LATCHKEY_ENCRYPTION_KEYS: keys,
    AUTH_SECRET: "s".repeat(40),
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(32, 5).toString("base64"),
    LATCHKEY_DEV_ALLOW_LOOPBACK: "1",
    LATCHKEY_LEASE_TTL_SECONDS: String(LEASE_TTL_SECONDS),
  });
  gate.hold();
  vendor.requests.length = 0;
  worker.go(id, 1, true);
  await waitUntil(() => gate.held.length === 1, "the child's refresh request is held");
  const held = gate.held.splice(0)[0]!;
  expect(held.form).toMatchObject({ grant_type: "refresh_token", refresh_token: before.refreshToken });
  const rotated = whileHeld === "forward" ? (JSON.parse((await held.forward()).body) as { refresh_token?: string }) : null;
  expect((await db.token.findUniqueOrThrow({ where: { connectorId: id } })).leaseOwner).not.toBeNull();
  await worker.kill();
  held.drop();
  await gate.open();
  return { id, before, rotated };
}

describeEachDatabase("a process killed in the middle of a refresh", (ctx) => {
  it(
    "A: killed before the vendor saw the request: after the lease expires, the next refresh succeeds with the old refresh token",
    { timeout: 60_000 },
    async () => {
      const { db, url } = ctx();
      const { id, before } = await killedMidRefresh(db, url, "drop");
      expect(vendor.tokenRequests()).toHaveLength(0);

      const refreshing = ensureFreshToken(db, config, id, { force: true });
      // Readable while the dead owner's lease still blocks renewal.
      expect(await readStoredToken(db, config.keyRing, id)).toMatchObject({ accessToken: before.accessToken, refreshToken: before.refreshToken });
      const result = await refreshing;

      expect(result).toMatchObject({ ok: true, refreshed: true });
      const grants = vendor.tokenRequests().filter((r) => r.body.grant_type === "refresh_token");
      expect(grants.map((r) => r.body.refresh_token)).toEqual([before.refreshToken]);
      const after = (await readStoredToken(db, config.keyRing, id))!;
      expect(after.accessToken).toBe(result.ok && result.accessToken);
      expect(after.refreshToken).not.toBe(before.refreshToken);
      const event = await db.event.findFirstOrThrow({ where: { connectorId: id, type: "token.refreshed" }, orderBy: { createdAt: "desc" } });
      expect(JSON.parse(event.detail)).toMatchObject({ tookOverExpiredLease: true });
      // The rotation chain is intact: the stored refresh token works (an admin's Refresh now: an
      // automatic forced renewal would share the call of the last 10 s).
      expect(await ensureFreshToken(db, config, id, { force: true, actor: await adminActor(db) })).toMatchObject({ ok: true, refreshed: true });
    },
  );

  it(
    "B: killed after the vendor rotated the refresh token: the next refresh reports interrupted_rotation and needs re-authorization",
    { timeout: 60_000 },
    async () => {
      const { db, url } = ctx();
      const { id, before, rotated } = await killedMidRefresh(db, url, "forward");
      expect(rotated?.refresh_token).toBeTruthy();

      const refreshing = ensureFreshToken(db, config, id, { force: true });
      expect(await readStoredToken(db, config.keyRing, id)).toMatchObject({ accessToken: before.accessToken, refreshToken: before.refreshToken });
      const result = await refreshing;

      expect(result).toMatchObject({ ok: false, error: { code: "interrupted_rotation", vendorError: "invalid_grant", message: INTERRUPTED_ROTATION_MESSAGE } });
      const row = await db.token.findUniqueOrThrow({ where: { connectorId: id } });
      expect(row).toMatchObject({
        status: "needs_reauth",
        lastErrorCode: "interrupted_rotation",
        lastErrorText: INTERRUPTED_ROTATION_MESSAGE,
        nextAttemptAt: null,
        leaseOwner: null,
      });
      expect(tokenStatus({ token: row }, new Date())).toBe("needs_reauth");
      expect(adviceFor(row.lastErrorCode)).toMatch(/interrupted.*rotated/);
      // Still readable: the credentials were not touched.
      expect(await readStoredToken(db, config.keyRing, id)).toMatchObject({ accessToken: before.accessToken, refreshToken: before.refreshToken });
      const event = await db.event.findFirstOrThrow({ where: { connectorId: id, type: "token.refreshed_failed" } });
      expect(event).toMatchObject({ errorCode: "interrupted_rotation", actorLabel: "system" });
      expect(event.detail).not.toContain(before.refreshToken!);
    },
  );
});
