/**
 * Renewal through the proxy against the real test vendor (oidc-provider, rotating refresh
 * tokens): a vendor 401 gets exactly one refresh and one retry (SECURITY 25), a storm of requests
 * on an expired token makes exactly one vendor refresh call (SECURITY 21), and configured expiry
 * rules (another status, a JSON body field) count as a 401.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { startTestVendor, type TestVendor } from "@/e2e/vendor/test-vendor";
import { ApiError } from "@/lib/machine-api/api-error";
import { saveExpiryRules } from "@/lib/proxy/expiry-rules";
import { readStoredToken } from "@/lib/tokens/token-store";
import { REDIRECT_URI, apiKey, authorizedConnector, config, expireToken, proxyDeps, refreshCalls } from "./support/fixtures";
import { forward, textOf } from "./support/forwarding";
import { echo, startUpstream, type Upstream, type UpstreamHandler } from "./support/upstream";

let vendor: TestVendor;
let upstream: Upstream;
beforeAll(async () => {
  vendor = await startTestVendor({ autoApprove: true, redirectUris: [REDIRECT_URI] });
  upstream = await startUpstream();
});
afterAll(async () => {
  await upstream?.close();
  await vendor?.close();
});

const bearerOf = (index: number) => upstream.requests[index]?.headers.authorization?.replace(/^Bearer /, "");

/** Answers 401 to every token in `rejected`, 200 otherwise. */
function rejecting(rejected: Set<string>, status = 401, body = '{"error":"invalid_token"}'): UpstreamHandler {
  return (request, response) => {
    const token = String(request.headers.authorization ?? "").replace(/^Bearer /, "");
    if (rejected.has(token)) {
      response.writeHead(status, { "content-type": "application/json", "www-authenticate": 'Bearer error="invalid_token"' });
      response.end(body);
      return;
    }
    echo(request, response);
  };
}

describeEachDatabase("proxy: refresh on 401 and refresh storms", (ctx) => {
  let deps: ReturnType<typeof proxyDeps>;
  beforeAll(() => {
    deps = proxyDeps(ctx().db);
  });
  afterAll(async () => {
    await deps?.pool.close();
    upstream.respondWith(echo);
  });

  async function setUp() {
    const { db } = ctx();
    const { id } = await authorizedConnector(db, vendor, `${upstream.origin}/api`);
    const { requester } = await apiKey(db, id);
    const before = await readStoredToken(db, config.keyRing, id);
    vendor.requests.length = 0;
    upstream.requests.length = 0;
    return { id, requester, before: before! };
  }

  it("a vendor 401 triggers exactly one refresh and one retry with the new token and the same body", async () => {
    const { id, requester, before } = await setUp();
    upstream.respondWith(rejecting(new Set([before.accessToken!])));
    const result = await forward(deps, id, requester, { method: "POST", path: "items", body: '{"n":1}', headers: { "content-type": "application/json" } });
    expect(result.status).toBe(200);
    expect(result.retried).toBe(true);
    await textOf(result);
    expect(refreshCalls(vendor)).toBe(1);
    expect(upstream.requests).toHaveLength(2);
    expect(bearerOf(0)).toBe(before.accessToken);
    const after = await readStoredToken(ctx().db, config.keyRing, id);
    expect(bearerOf(1)).toBe(after?.accessToken);
    expect(after?.accessToken).not.toBe(before.accessToken);
    expect(upstream.requests.map((r) => r.body)).toEqual(['{"n":1}', '{"n":1}']);
  });

  it("no loops: when the retry is refused too, its 401 is the answer after one refresh", async () => {
    const { id, requester } = await setUp();
    upstream.respondWith((_request, response) => {
      response.writeHead(401, { "content-type": "application/json" });
      response.end('{"error":"nope"}');
    });
    const result = await forward(deps, id, requester, { path: "items" });
    expect([result.status, await textOf(result)]).toEqual([401, '{"error":"nope"}']);
    expect(refreshCalls(vendor)).toBe(1);
    expect(upstream.requests).toHaveLength(2);
  });

  it("a body larger than the replay cap is streamed once and its 401 returned without a refresh", async () => {
    const { id, requester, before } = await setUp();
    upstream.respondWith(rejecting(new Set([before.accessToken!])));
    const result = await forward({ ...deps, retryBodyCap: 1024 }, id, requester, { method: "PUT", path: "blob", body: "y".repeat(4096) });
    expect(result.status).toBe(401);
    await textOf(result);
    expect(refreshCalls(vendor)).toBe(0);
    expect(upstream.requests).toHaveLength(1);
  });

  it("20 concurrent requests that all meet a 401 share one refresh", async () => {
    const { id, requester, before } = await setUp();
    upstream.respondWith(rejecting(new Set([before.accessToken!])));
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => forward(deps, id, requester, { path: `items/${i}` })));
    await Promise.all(results.map(textOf));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(refreshCalls(vendor)).toBe(1);
  });

  it("refresh storm: 50 concurrent proxy requests on an expired token make exactly one vendor refresh call", async () => {
    const { id, requester, before } = await setUp();
    await expireToken(ctx().db, id);
    upstream.respondWith(echo);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => forward(deps, id, requester, { path: `items/${i}` })));
    await Promise.all(results.map(textOf));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(refreshCalls(vendor)).toBe(1);
    expect(upstream.requests).toHaveLength(50);
    const tokens = new Set(upstream.requests.map((r) => r.headers.authorization));
    expect(tokens.size).toBe(1);
    expect([...tokens][0]).not.toBe(`Bearer ${before.accessToken}`);
  });

  it("configured expiry rules: a 403 whose JSON says the token expired counts as a 401; another 403 does not", async () => {
    const { id, requester, before } = await setUp();
    await saveExpiryRules(ctx().db, id, { statuses: [403], bodyField: "error.code", bodyValues: ["TOKEN_EXPIRED"] });
    upstream.respondWith(rejecting(new Set([before.accessToken!]), 403, '{"error":{"code":"TOKEN_EXPIRED"}}'));
    const renewed = await forward(deps, id, requester, { path: "items" });
    expect([renewed.status, renewed.retried]).toEqual([200, true]);
    await textOf(renewed);
    expect(refreshCalls(vendor)).toBe(1);

    upstream.respondWith((_request, response) => {
      response.writeHead(403, { "content-type": "application/json" });
      response.end('{"error":{"code":"FORBIDDEN_RESOURCE"}}');
    });
    const forbidden = await forward(deps, id, requester, { path: "secret-items" });
    expect([forbidden.status, forbidden.retried, await textOf(forbidden)]).toEqual([403, false, '{"error":{"code":"FORBIDDEN_RESOURCE"}}']);
    expect(refreshCalls(vendor)).toBe(1);
  });

  it("a revoked grant ends in needs_reauthorization, with no request to the vendor API", async () => {
    const { id, requester } = await setUp();
    await expireToken(ctx().db, id);
    await vendor.revokeAllGrants(vendor.clients.authCode.id);
    const error = await forward(deps, id, requester, { path: "items" }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).body()).toMatchObject({ error: "needs_reauthorization", oauth_error: "invalid_grant" });
    expect((error as ApiError).status).toBe(409);
    expect(upstream.requests).toHaveLength(0);
  });
});
