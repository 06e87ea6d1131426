/**
 * Issue 9 "Done when", disconnect is a state: after an admin disconnects a client-credentials
 * connector, nothing automatic gets it a token again (workers are told "disconnected", the
 * vendor sees no token request, the refresher leaves it alone) until an admin clicks Get token.
 * And a client-credentials connector whose very first token request is refused with
 * invalid_client costs the vendor one call however many workers ask: the refusal and its
 * backoff are stored on an attempt row like any other failure.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { errorResponse, startScriptedServer, tokenResponse, type ScriptedServer } from "../support/scripted-server";
import { adminActor, makeConnector, testConfig } from "../support/token-fixtures";
import { statusOf, tokenRowOf } from "../support/connector-status";
import { authorizeWithCode } from "../support/scripted-authorization";
import { MINUTE } from "../support/simulated-clock";
import { SYSTEM_ACTOR, type Actor } from "@/lib/events";
import { disconnectConnector } from "@/lib/tokens/disconnect";
import { ensureFreshToken } from "@/lib/tokens/fresh-token";
import { obtainClientCredentialsToken } from "@/lib/tokens/service";
import { refreshDueTokens } from "@/lib/tokens/refresher/loop";
import { selectDueConnectors } from "@/lib/tokens/refresher/select-due";

const config = testConfig();
const API_KEY: Actor = { userId: null, label: "api-key:sync" };
let vendor: ScriptedServer;
let issued = 0;

beforeAll(async () => {
  vendor = await startScriptedServer(() => tokenResponse(`cc-access-${++issued}`));
});
afterAll(async () => {
  await vendor?.close();
});
beforeEach(() => {
  vendor.requests.length = 0;
  vendor.respondWith(() => tokenResponse(`cc-access-${++issued}`));
});

describeEachDatabase("disconnect as a state", (ctx) => {
  beforeEach(async () => {
    await ctx().db.token.deleteMany();
  });

  it("Get token → Disconnect → workers get 'disconnected' with no vendor call, the refresher skips it → an admin's Get token reconnects", async () => {
    const { db } = ctx();
    const admin = await adminActor(db);
    const id = await makeConnector(db, config, { tokenUrl: vendor.url, grantType: "client_credentials" });

    expect(await obtainClientCredentialsToken(db, config, admin, id)).toMatchObject({ ok: true });
    expect(vendor.requests).toHaveLength(1);
    expect(await statusOf(db, id)).toMatchObject({ label: "Active" });

    await disconnectConnector(db, config, admin, id);
    expect(await db.connector.findUniqueOrThrow({ where: { id }, select: { state: true } })).toEqual({ state: "disconnected" });

    // Every automatic caller, asking plainly, forcing (a vendor 401) or wanting a long-lived token.
    for (const options of [{ actor: SYSTEM_ACTOR }, { actor: API_KEY }, { actor: API_KEY, force: true }, { actor: API_KEY, minTtlMs: 10 * MINUTE }]) {
      const result = await ensureFreshToken(db, config, id, options);
      expect(result).toMatchObject({ ok: false, error: { code: "disconnected" } });
    }
    expect(vendor.requests).toHaveLength(1);

    expect(await selectDueConnectors(db, new Date(Date.now() + 24 * 60 * MINUTE), 100)).not.toContain(id);
    await refreshDueTokens(db, config);
    expect(vendor.requests).toHaveLength(1);
    expect(await statusOf(db, id)).toMatchObject({ status: "disconnected", label: "Disconnected", failure: null });

    expect(await obtainClientCredentialsToken(db, config, admin, id)).toMatchObject({ ok: true });
    expect(vendor.requests).toHaveLength(2);
    expect(vendor.requests[1]!.form).toMatchObject({ grant_type: "client_credentials" });
    expect(await db.connector.findUniqueOrThrow({ where: { id }, select: { state: true } })).toEqual({ state: "enabled" });
    expect(await statusOf(db, id)).toMatchObject({ status: "active", label: "Active", failure: null });
    // Connected again: workers get the new token without another vendor call.
    expect(await ensureFreshToken(db, config, id, { actor: API_KEY })).toMatchObject({ ok: true, accessToken: `cc-access-${issued}` });
    expect(vendor.requests).toHaveLength(2);
  });

  it("an authorization-code connector: Disconnect stops workers; an admin's completed Authorize connects it again", async () => {
    const { db } = ctx();
    vendor.respondWith(() => tokenResponse(`code-access-${++issued}`, { refresh_token: "code-refresh" }));
    const id = await makeConnector(db, config, { tokenUrl: vendor.url });
    expect(await authorizeWithCode(db, config, id)).toMatchObject({ kind: "authorized" });
    await disconnectConnector(db, config, await adminActor(db), id);
    expect(await ensureFreshToken(db, config, id, { actor: API_KEY })).toMatchObject({ ok: false, error: { code: "disconnected" } });

    expect(await authorizeWithCode(db, config, id)).toMatchObject({ kind: "authorized" });
    expect(await db.connector.findUniqueOrThrow({ where: { id }, select: { state: true } })).toEqual({ state: "enabled" });
    expect(await statusOf(db, id)).toMatchObject({ label: "Active" });
    expect(await ensureFreshToken(db, config, id, { actor: API_KEY })).toMatchObject({ ok: true, accessToken: `code-access-${issued}` });
  });

  it("a never-obtained client-credentials connector refused with invalid_client: 20 worker calls, one vendor call, check_client with a backoff", async () => {
    const { db } = ctx();
    vendor.respondWith(() => errorResponse(401, "invalid_client"));
    const id = await makeConnector(db, config, { tokenUrl: vendor.url, grantType: "client_credentials" });
    const before = Date.now();

    // Ten at once, then ten one after another.
    const together = await Promise.all(
      Array.from({ length: 10 }, (_, index) => ensureFreshToken(db, config, id, { actor: index % 2 ? API_KEY : SYSTEM_ACTOR })),
    );
    const inTurn = [];
    for (let index = 0; index < 10; index++) inTurn.push(await ensureFreshToken(db, config, id, { actor: API_KEY, force: index % 2 === 1 }));
    for (const result of [...together, ...inTurn]) expect(result).toMatchObject({ ok: false, error: { code: "invalid_client" } });
    expect(vendor.requests).toHaveLength(1);

    const row = await tokenRowOf(db, id);
    expect(row).toMatchObject({ status: "check_client", accessTokenEnc: null, failureCount: 1, lastErrorCode: "invalid_client" });
    // check_client backs off slowly: the first retry 7.5–15 minutes later (lib/tokens/refresher/backoff.ts).
    const delay = row.nextAttemptAt!.getTime() - before;
    expect(delay).toBeGreaterThanOrEqual(7.5 * MINUTE);
    expect(delay).toBeLessThanOrEqual(15 * MINUTE + (Date.now() - before));
    expect(await statusOf(db, id)).toMatchObject({
      label: "Check client credentials",
      failure: { class: "check_client", code: "invalid_client", retryAt: row.nextAttemptAt },
    });

    expect(await selectDueConnectors(db, new Date(row.nextAttemptAt!.getTime() - 1), 100)).not.toContain(id);
    expect(await selectDueConnectors(db, row.nextAttemptAt!, 100)).toContain(id);
  });
});
