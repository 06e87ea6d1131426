/**
 * The token endpoint's core (workerToken) on both databases: what it returns and never returns,
 * how the token is applied, renewal first when expired or due (against the real test vendor),
 * and the JSON errors.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { startTestVendor, type TestVendor } from "@/e2e/vendor/test-vendor";
import { ApiError } from "@/lib/machine-api/api-error";
import { createConnector } from "@/lib/connectors/service";
import { connectorSchema, defaultConnectorValues } from "@/lib/connectors/schema";
import { workerToken } from "@/lib/proxy/token-endpoint";
import { TOKEN_CACHE_MS } from "@/lib/proxy/token-cache";
import { readStoredToken } from "@/lib/tokens/token-store";
import { REDIRECT_URI, admin, apiKey, authorizedConnector, config, connectorWithToken, expireToken, refreshCalls } from "./support/fixtures";

let vendor: TestVendor;
beforeAll(async () => {
  vendor = await startTestVendor({ autoApprove: true, redirectUris: [REDIRECT_URI] });
});
afterAll(async () => {
  await vendor?.close();
});

/** The hot path trusts what it handed out for TOKEN_CACHE_MS; a test that changes the row behind its back waits that long. */
const pastTokenCache = () => new Promise((resolve) => setTimeout(resolve, TOKEN_CACHE_MS + 50));

const ALLOWED_KEYS = ["access_token", "apply", "connector_id", "credential_type", "expires_at", "expires_in", "metadata", "token_type"];

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describeEachDatabase("token endpoint", (ctx) => {
  it("returns the access token, its type, expiry and how to apply it, and nothing else", async () => {
    const { db } = ctx();
    const header = await connectorWithToken(db, { apiBaseUrl: "http://127.0.0.1:9", headerPrefix: "Token" });
    const { requester } = await apiKey(db, header.id);
    const body = await workerToken(db, config, requester, header.id);
    expect(Object.keys(body).sort()).toEqual(ALLOWED_KEYS);
    expect(body).toMatchObject({
      connector_id: header.id,
      credential_type: "oauth2",
      access_token: header.accessToken,
      token_type: "Bearer",
      apply: { in: "header", name: "Authorization", prefix: "Token" },
    });
    expect(body.expires_in).toBeGreaterThan(3500);
    expect(new Date(body.expires_at!).getTime()).toBeGreaterThan(Date.now());
    const text = JSON.stringify(body);
    expect(text).not.toContain("stored-refresh-token");
    expect(text).not.toContain("client-secret-value");

    const bare = await connectorWithToken(db, { apiBaseUrl: "http://127.0.0.1:9", headerPrefix: "" });
    expect((await refusal(workerToken(db, config, requester, bare.id))).code).toBe("key_lacks_access");
    const all = await apiKey(db);
    expect((await workerToken(db, config, all.requester, bare.id)).apply).toEqual({ in: "header", name: "Authorization", prefix: "" });
    const query = await connectorWithToken(db, { apiBaseUrl: "http://127.0.0.1:9", authPlacement: "query", queryParamName: "api_token" });
    expect((await workerToken(db, config, all.requester, query.id)).apply).toEqual({ in: "query", name: "api_token" });
  });

  it("renews first when the token is expired or inside the lead time, and not when it is fresh", async () => {
    const { db } = ctx();
    const { id } = await authorizedConnector(db, vendor, "http://127.0.0.1:9");
    const { requester } = await apiKey(db, id);
    const first = await readStoredToken(db, config.keyRing, id);
    vendor.requests.length = 0;

    expect((await workerToken(db, config, requester, id)).access_token).toBe(first?.accessToken);
    expect(refreshCalls(vendor)).toBe(0);

    await expireToken(db, id);
    await pastTokenCache();
    const renewed = await workerToken(db, config, requester, id);
    expect(renewed.access_token).not.toBe(first?.accessToken);
    expect(refreshCalls(vendor)).toBe(1);
    expect(JSON.stringify(renewed)).not.toContain((await readStoredToken(db, config.keyRing, id))!.refreshToken!);

    // Still valid for ten minutes, but past its renewal time (the 10%-of-lifetime lead): renewed before handing out.
    await db.token.update({ where: { connectorId: id }, data: { expiresAt: new Date(Date.now() + 600_000), refreshDueAt: new Date(Date.now() - 1000) } });
    await pastTokenCache();
    const early = await workerToken(db, config, requester, id);
    expect(early.access_token).not.toBe(renewed.access_token);
    expect(refreshCalls(vendor)).toBe(2);
  });

  it("answers clear errors: unknown connector, not authorized, needs re-authorization, key lacks access", async () => {
    const { db } = ctx();
    const all = await apiKey(db);
    expect((await refusal(workerToken(db, config, all.requester, "nope"))).body()).toMatchObject({ error: "unknown_connector" });

    const input = connectorSchema({ allowLoopback: true }).parse({
      ...defaultConnectorValues(),
      name: `Never authorized ${Date.now()}`,
      authUrl: vendor.authorizationEndpoint,
      tokenUrl: vendor.tokenEndpoint,
      clientId: "x",
    });
    const { id: unauthorized } = await createConnector(db, config.keyRing, await admin(db), input);
    const notAuthorized = await refusal(workerToken(db, config, all.requester, unauthorized));
    expect([notAuthorized.status, notAuthorized.code]).toEqual([409, "not_authorized"]);

    const { id } = await authorizedConnector(db, vendor, "http://127.0.0.1:9");
    await expireToken(db, id);
    await vendor.revokeAllGrants(vendor.clients.authCode.id);
    const reauth = await refusal(workerToken(db, config, all.requester, id));
    expect([reauth.status, reauth.code]).toEqual([409, "needs_reauthorization"]);
    // Stored as needing re-authorization: later calls answer the same without calling the vendor.
    vendor.requests.length = 0;
    expect((await refusal(workerToken(db, config, all.requester, id))).code).toBe("needs_reauthorization");
    expect(vendor.tokenRequests()).toHaveLength(0);

    const scoped = await apiKey(db, unauthorized);
    const lacks = await refusal(workerToken(db, config, scoped.requester, id));
    expect([lacks.status, lacks.body()]).toEqual([403, { error: "key_lacks_access", message: expect.any(String) }]);
    // A scoped key learns nothing about other ids, existing or not.
    expect((await refusal(workerToken(db, config, scoped.requester, "nope"))).code).toBe("key_lacks_access");
  });
});
