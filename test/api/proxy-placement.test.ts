/**
 * The proxy core against a recording upstream: the auth data lands exactly where the connector
 * says (header with a custom prefix, header without prefix, query parameter), our own
 * credentials, cookies and hop-by-hop headers are stripped, bodies and queries pass unchanged, and
 * the response is cleaned of vendor cookies and caching.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { ApiError } from "@/lib/machine-api/api-error";
import { saveExpiryRules } from "@/lib/proxy/expiry-rules";
import { apiKey, connectorWithToken, proxyDeps } from "./support/fixtures";
import { forward, textOf } from "./support/forwarding";
import { startUpstream, type Upstream } from "./support/upstream";

let upstream: Upstream;
beforeAll(async () => {
  upstream = await startUpstream();
});
afterAll(async () => {
  await upstream?.close();
});

const CALLER_HEADERS = {
  authorization: "Bearer lk_00000000_this-is-the-latchkey-api-key-not-for-vendors",
  cookie: "latchkey_session=secret",
  "proxy-authorization": "Basic Zm9vOmJhcg==",
  connection: "keep-alive, x-hop",
  "x-hop": "hop-only",
  "keep-alive": "timeout=5",
  te: "trailers",
  upgrade: "websocket",
  "x-forwarded-for": "10.0.0.7",
  "x-forwarded-host": "latchkey.internal",
  "content-type": "application/json",
  accept: "application/json",
  "if-none-match": '"v0"',
  "x-custom": "kept",
};

async function expectApiError(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).code).toBe(code);
}

describeEachDatabase("proxy: where the auth data goes", (ctx) => {
  let deps: ReturnType<typeof proxyDeps>;
  beforeAll(() => {
    deps = proxyDeps(ctx().db);
  });
  afterAll(async () => {
    await deps?.pool.close();
  });

  it("header placement with a custom prefix: Authorization is replaced, the rest passes, body and query byte for byte", async () => {
    const { db } = ctx();
    const { id, accessToken } = await connectorWithToken(db, { apiBaseUrl: `${upstream.origin}/base/v2`, headerPrefix: "Token" });
    const { requester } = await apiKey(db, id);
    upstream.requests.length = 0;
    const result = await forward(deps, id, requester, {
      method: "POST",
      path: "items/42%20x",
      query: "a=1&b=%2F+c&a=2",
      headers: CALLER_HEADERS,
      body: '{"name":"café"}',
    });

    expect(result.status).toBe(200);
    const [sent] = upstream.requests;
    expect(upstream.requests).toHaveLength(1);
    expect(sent?.method).toBe("POST");
    expect(sent?.url).toBe("/base/v2/items/42%20x?a=1&b=%2F+c&a=2");
    expect(sent?.headers.authorization).toBe(`Token ${accessToken}`);
    expect(sent?.body).toBe('{"name":"café"}');
    expect(sent?.headers["content-length"]).toBe(String(Buffer.byteLength('{"name":"café"}')));
    for (const stripped of ["cookie", "proxy-authorization", "x-hop", "keep-alive", "te", "upgrade", "x-forwarded-for", "x-forwarded-host"]) {
      expect(sent?.headers[stripped], stripped).toBeUndefined();
    }
    expect(sent?.headers.host).toBe(new URL(upstream.origin).host);
    expect(sent?.headers).toMatchObject({ "content-type": "application/json", accept: "application/json", "if-none-match": '"v0"', "x-custom": "kept" });
    expect(JSON.stringify(sent?.headers)).not.toContain("lk_00000000");

    expect(result.headers.get("set-cookie")).toBeNull();
    expect(result.headers.get("cache-control")).toBe("no-store");
    expect(result.headers.get("etag")).toBe('"v1"');
    expect(result.headers.get("x-vendor")).toBe("yes");
    expect(JSON.parse(await textOf(result))).toMatchObject({ ok: true, method: "POST" });
    expect(result.target.toString()).not.toContain(accessToken);
  });

  it("header placement with an empty prefix sends the bare token", async () => {
    const { db } = ctx();
    const { id, accessToken } = await connectorWithToken(db, { apiBaseUrl: upstream.origin, headerPrefix: "" });
    const { requester } = await apiKey(db);
    upstream.requests.length = 0;
    const result = await forward(deps, id, requester, { path: "me", headers: { authorization: "Bearer lk_caller" } });
    await textOf(result);
    expect(upstream.requests[0]?.headers.authorization).toBe(accessToken);
    expect(upstream.requests[0]?.url).toBe("/me");
  });

  it("query placement sets the connector's parameter, replacing any the caller sent, and sends no Authorization", async () => {
    const { db } = ctx();
    const { id, accessToken } = await connectorWithToken(db, {
      apiBaseUrl: `${upstream.origin}/api/?version=3`,
      authPlacement: "query",
      queryParamName: "auth_token",
    });
    const { requester } = await apiKey(db, id);
    upstream.requests.length = 0;
    const result = await forward(deps, id, requester, {
      path: "list",
      query: "auth_token=forged&page=2&q=a%20b",
      headers: { authorization: "Bearer lk_caller" },
    });
    await textOf(result);
    const [sent] = upstream.requests;
    expect(sent?.path).toBe("/api/list");
    expect(sent?.query.getAll("auth_token")).toEqual([accessToken]);
    expect(sent?.url).toBe(`/api/list?version=3&page=2&q=a%20b&auth_token=${accessToken}`);
    expect(sent?.headers.authorization).toBeUndefined();
    expect(result.target.search).not.toContain(accessToken);
  });

  it("streams a large body through without buffering limits, and answers HEAD and 204 without a body", async () => {
    const { db } = ctx();
    const { id } = await connectorWithToken(db, { apiBaseUrl: upstream.origin });
    const { requester } = await apiKey(db);
    const big = "x".repeat(3 * 1024 * 1024);
    upstream.requests.length = 0;
    upstream.respondWith((request, response) => {
      response.writeHead(request.method === "DELETE" ? 204 : 200, { "content-type": "text/plain" });
      response.end(request.method === "DELETE" ? undefined : `got ${request.body.length}`);
    });
    try {
      const posted = await forward(deps, id, requester, { method: "PUT", path: "upload", body: big });
      expect(await textOf(posted)).toBe(`got ${big.length}`);
      const head = await forward(deps, id, requester, { method: "HEAD", path: "upload" });
      expect(head.body).toBeNull();
      const deleted = await forward(deps, id, requester, { method: "DELETE", path: "upload/1" });
      expect([deleted.status, deleted.body]).toEqual([204, null]);
    } finally {
      upstream.respondWith((await import("./support/upstream")).echo);
    }
  });

  it("a body read for an expiry rule reaches the worker intact, small or larger than the inspection cap", async () => {
    const { db } = ctx();
    const { id } = await connectorWithToken(db, { apiBaseUrl: upstream.origin });
    const { requester } = await apiKey(db, id);
    await saveExpiryRules(db, id, { statuses: [200], bodyField: "error", bodyValues: ["token_expired"] });
    const large = JSON.stringify({ ok: true, items: "z".repeat(200 * 1024) });
    upstream.respondWith((request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(request.path === "/large" ? large : '{"ok":true,"error":null}');
    });
    try {
      const small = await forward(deps, id, requester, { path: "small" });
      expect([small.retried, await textOf(small)]).toEqual([false, '{"ok":true,"error":null}']);
      const big = await forward(deps, id, requester, { path: "large" });
      expect(big.retried).toBe(false);
      expect(await textOf(big)).toBe(large);
    } finally {
      upstream.respondWith((await import("./support/upstream")).echo);
    }
  });

  it("refuses a key scoped to another connector, an unknown connector, a connector without API Base URL, and odd methods", async () => {
    const { db } = ctx();
    const { id } = await connectorWithToken(db, { apiBaseUrl: upstream.origin });
    const other = await connectorWithToken(db, { apiBaseUrl: upstream.origin });
    const noBase = await connectorWithToken(db, { apiBaseUrl: "" });
    const scoped = await apiKey(db, other.id);
    const all = await apiKey(db);
    upstream.requests.length = 0;
    await expectApiError(forward(deps, id, scoped.requester), "key_lacks_access");
    await expectApiError(forward(deps, "no-such-connector", all.requester), "unknown_connector");
    await expectApiError(forward(deps, noBase.id, all.requester), "no_api_base_url");
    await expectApiError(forward(deps, id, all.requester, { method: "TRACE" }), "method_not_allowed");
    expect(upstream.requests).toHaveLength(0);
  });
});
