/**
 * Import a refresh token (issue 12, part 4), through the real service against real servers: the
 * test vendor (oidc-provider, rotating refresh tokens) issues a refresh token to one connector by
 * a real authorization, and another connector imports it; a scripted token endpoint stands in for
 * a vendor that does not rotate. SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { errorResponse, startScriptedServer, tokenResponse, type ScriptedServer } from "../support/scripted-server";
import { adminActor, authorizedAtVendor, makeConnector, storeToken, testConfig } from "../support/token-fixtures";
import { startTestVendor, type TestVendor } from "@/e2e/vendor/test-vendor";
import { importRefreshToken } from "@/lib/tokens/import-refresh-token";
import { refreshNow } from "@/lib/tokens/service";
import { disconnectConnector } from "@/lib/tokens/disconnect";
import { readStoredToken } from "@/lib/tokens/token-store";
import { DomainError } from "@/lib/errors";
import type { Db } from "@/lib/db";

const config = testConfig();
let vendor: TestVendor;
let plain: ScriptedServer;

beforeAll(async () => {
  vendor = await startTestVendor({ autoApprove: true, redirectUris: [config.redirectUri] });
  // A vendor that answers a refresh without a new refresh token (no rotation), like Google.
  plain = await startScriptedServer((request) =>
    request.form.refresh_token === "workday-refresh-token" ? tokenResponse("plain-access", { scope: "read" }) : errorResponse(400, "invalid_grant"),
  );
});
afterAll(async () => {
  await vendor?.close();
  await plain?.close();
});

/** A second connector for the test vendor's authorization-code client, never authorized itself. */
function vendorConnector(db: Db) {
  return makeConnector(db, config, {
    authUrl: vendor.authorizationEndpoint,
    tokenUrl: vendor.tokenEndpoint,
    clientId: vendor.clients.authCode.id,
    clientSecret: vendor.clients.authCode.secret,
    scopes: ["openid", "read:items"],
  });
}

async function eventsOf(db: Db, connectorId: string, type: string) {
  return db.event.findMany({ where: { connectorId, type }, orderBy: { createdAt: "asc" } });
}

describeEachDatabase("importing a refresh token", (ctx) => {
  it("redeems a real refresh token at once, stores the rotated one, enables the connector, and it then refreshes like any other", async () => {
    const { db } = ctx();
    const actor = await adminActor(db);
    const source = await authorizedAtVendor(db, config, vendor);
    const issued = (await readStoredToken(db, config.keyRing, source))!.refreshToken!;
    expect(issued).toBeTruthy();

    const target = await vendorConnector(db);
    await disconnectConnector(db, config, actor, target);
    vendor.requests.length = 0;
    const outcome = await importRefreshToken(db, config, actor, target, issued);
    expect(outcome).toMatchObject({ ok: true, refreshTokenRotated: true });

    // One refresh_token grant request, with the imported token and the connector's client credentials.
    const [request, ...more] = vendor.tokenRequests();
    expect(more).toEqual([]);
    expect(request?.body).toMatchObject({ grant_type: "refresh_token", refresh_token: issued });

    const stored = (await readStoredToken(db, config.keyRing, target))!;
    expect(stored.accessToken).toBeTruthy();
    expect(stored.refreshToken).toBeTruthy();
    expect(stored.refreshToken).not.toBe(issued);
    expect(stored.status).toBe("active");
    expect((await db.connector.findUniqueOrThrow({ where: { id: target } })).state).toBe("enabled");

    // The event says what happened, and holds no token.
    const [event] = await eventsOf(db, target, "token.imported");
    expect(event).toMatchObject({ outcome: "success", actorLabel: actor.label });
    expect(JSON.parse(event!.detail)).toMatchObject({ refreshTokenRotated: true });
    for (const secret of [issued, stored.refreshToken!, stored.accessToken!]) expect(event!.detail).not.toContain(secret);

    // Managed like any other: Refresh now spends the rotated token and stores the next one.
    const refreshed = await refreshNow(db, config, actor, target);
    expect(refreshed).toMatchObject({ ok: true, refreshTokenRotated: true });
    const after = (await readStoredToken(db, config.keyRing, target))!;
    expect(after.refreshToken).not.toBe(stored.refreshToken);
    expect(vendor.tokenRequests().at(-1)?.body).toMatchObject({ grant_type: "refresh_token", refresh_token: stored.refreshToken });
  });

  it("refuses a token the vendor does not accept: nothing is stored, the stored token stays, and the error is classified", async () => {
    const { db } = ctx();
    const actor = await adminActor(db);
    const fresh = await vendorConnector(db);
    const bogus = "not-a-refresh-token-this-vendor-issued";

    const refused = await importRefreshToken(db, config, actor, fresh, bogus);
    expect(refused).toMatchObject({ ok: false, error: { code: "invalid_grant", httpStatus: 400 } });
    expect(await db.token.findUnique({ where: { connectorId: fresh } })).toBeNull();

    // A connector that holds a token keeps it, untouched, and its status does not change.
    const holding = await vendorConnector(db);
    await storeToken(db, config, holding, { access: "held-access", refresh: "held-refresh", expiresInMs: 3_600_000 });
    const before = await db.token.findUniqueOrThrow({ where: { connectorId: holding } });
    expect((await importRefreshToken(db, config, actor, holding, bogus)).ok).toBe(false);
    const after = await db.token.findUniqueOrThrow({ where: { connectorId: holding } });
    // Only updatedAt moves: the lease was taken and released around the vendor call.
    expect({ ...after, updatedAt: null }).toEqual({ ...before, updatedAt: null });

    const [event] = await eventsOf(db, fresh, "token.import_failed");
    expect(event).toMatchObject({ outcome: "failure", errorCode: "invalid_grant" });
    expect(event!.detail).not.toContain(bogus);
  });

  it("keeps the imported token when the vendor rotates nothing", async () => {
    const { db } = ctx();
    const actor = await adminActor(db);
    const id = await makeConnector(db, config, { tokenUrl: `${plain.url}/token`, scopes: ["read"] });
    const outcome = await importRefreshToken(db, config, actor, id, "workday-refresh-token");
    expect(outcome).toMatchObject({ ok: true, refreshTokenRotated: false });
    expect(plain.requests.at(-1)?.form).toMatchObject({ grant_type: "refresh_token", refresh_token: "workday-refresh-token" });
    const stored = (await readStoredToken(db, config.keyRing, id))!;
    expect(stored).toMatchObject({ accessToken: "plain-access", refreshToken: "workday-refresh-token", status: "active" });
  });

  it("is only for Authorization Code connectors", async () => {
    const { db } = ctx();
    const actor = await adminActor(db);
    const machine = await makeConnector(db, config, { grantType: "client_credentials", tokenUrl: `${plain.url}/token` });
    plain.requests.length = 0;
    await expect(importRefreshToken(db, config, actor, machine, "workday-refresh-token")).rejects.toThrow(DomainError);
    expect(plain.requests).toEqual([]);
  });
});
