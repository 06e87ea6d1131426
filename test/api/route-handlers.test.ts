/**
 * The thin route handlers, called in-process with real Request objects: API-key authentication
 * (401 JSON with WWW-Authenticate: Bearer, revoked keys, sessions do not count), Cache-Control,
 * the token endpoint's JSON, and the proxy through the URL as a worker sends it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { revokeApiKey } from "@/lib/api-keys/service";
import { storeTokenSet } from "@/lib/tokens/token-store";
import { KEY_ENTRY, admin, apiKey, config, connectorWithToken } from "./support/fixtures";
import { startUpstream, type Upstream } from "./support/upstream";

type Handler = (request: Request, context: { params: Promise<Record<string, unknown>> }) => Promise<Response>;
interface Routes {
  token: Handler;
  proxy: Handler;
  openapi: () => Promise<Response>;
}

let upstream: Upstream;
beforeAll(async () => {
  upstream = await startUpstream();
});
afterAll(async () => {
  await upstream?.close();
});

const BASE = "http://localhost:3999";
const globals = globalThis as unknown as { latchkeyDb?: unknown; latchkeyStreamPools?: Map<string, { close(): Promise<void> }> };

describeEachDatabase("machine API route handlers", (ctx) => {
  let routes: Routes;
  const dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-api-"));
  beforeAll(async () => {
    Object.assign(process.env, {
      DATABASE_URL: ctx().url,
      LATCHKEY_ENCRYPTION_KEYS: KEY_ENTRY,
      AUTH_SECRET: "route-handler-test-secret-0123456789abcdef",
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(32, 5).toString("base64"),
      LATCHKEY_DEV_ALLOW_LOOPBACK: "1",
      LATCHKEY_DATA_DIR: dataDir,
    });
    globals.latchkeyDb = ctx().db; // getDb() hands out the suite's client
    vi.resetModules(); // and getConfig() reads the environment above
    routes = {
      token: (await import("@/app/api/v1/connectors/[id]/token/route")).GET as Handler,
      proxy: (await import("@/app/api/v1/connectors/[id]/proxy/[[...path]]/route")).POST as Handler,
      openapi: (await import("@/app/api/v1/openapi.json/route")).GET,
    };
  });
  afterAll(async () => {
    delete globals.latchkeyDb;
    for (const pool of globals.latchkeyStreamPools?.values() ?? []) await pool.close();
    globals.latchkeyStreamPools?.clear();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const params = (value: Record<string, unknown>) => ({ params: Promise.resolve(value) });

  it("refuses requests without a valid key with 401 JSON and WWW-Authenticate: Bearer; a session cookie is no credential", async () => {
    const { db } = ctx();
    const { id } = await connectorWithToken(db, { apiBaseUrl: upstream.origin });
    const url = `${BASE}/api/v1/connectors/${id}/token`;
    const { key, id: keyId } = await apiKey(db);
    await revokeApiKey(db, await admin(db), keyId);
    const cases: [Record<string, string>, string][] = [
      [{}, 'Bearer realm="latchkey"'],
      [{ cookie: "authjs.session-token=whatever" }, 'Bearer realm="latchkey"'],
      [{ authorization: "Bearer not-a-key" }, 'Bearer realm="latchkey", error="invalid_token"'],
      [{ authorization: `Basic ${Buffer.from(`x:${key}`).toString("base64")}` }, 'Bearer realm="latchkey", error="invalid_token"'],
      [{ authorization: `Bearer ${key}` }, 'Bearer realm="latchkey", error="invalid_token"'], // revoked
    ];
    for (const [headers, challenge] of cases) {
      const response = await routes.token(new Request(url, { headers }), params({ id }));
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe(challenge);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(await response.json()).toMatchObject({ error: "invalid_api_key", message: expect.any(String) });
    }
    upstream.requests.length = 0;
    const proxied = await routes.proxy(new Request(`${BASE}/api/v1/connectors/${id}/proxy/x`, { method: "POST", body: "{}" }), params({ id, path: ["x"] }));
    expect(proxied.status).toBe(401);
    expect(upstream.requests).toHaveLength(0);
  });

  it("token endpoint: 200 JSON with no-store for a valid key, 403 for a key scoped to another connector", async () => {
    const { db } = ctx();
    const { id, accessToken } = await connectorWithToken(db, { apiBaseUrl: upstream.origin });
    const other = await connectorWithToken(db, { apiBaseUrl: upstream.origin });
    const { key } = await apiKey(db, id);
    const ok = await routes.token(new Request(`${BASE}/api/v1/connectors/${id}/token`, { headers: { authorization: `Bearer ${key}` } }), params({ id }));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("no-store");
    const body = (await ok.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ access_token: accessToken, apply: { in: "header", name: "Authorization", prefix: "Bearer" } });
    expect(JSON.stringify(body)).not.toMatch(/refresh|secret/i);

    // Revoking takes effect on the next request, although the key was just verified (and cached).
    const revocable = await apiKey(db, id);
    const request = () =>
      routes.token(new Request(`${BASE}/api/v1/connectors/${id}/token`, { headers: { authorization: `Bearer ${revocable.key}` } }), params({ id }));
    expect((await request()).status).toBe(200);
    await revokeApiKey(db, await admin(db), revocable.id);
    expect((await request()).status).toBe(401);

    const refused = await routes.token(
      new Request(`${BASE}/api/v1/connectors/${other.id}/token`, { headers: { authorization: `Bearer ${key}` } }),
      params({ id: other.id }),
    );
    expect([refused.status, ((await refused.json()) as { error: string }).error]).toEqual([403, "key_lacks_access"]);
    const unknown = await routes.token(
      new Request(`${BASE}/api/v1/connectors/nope/token`, { headers: { authorization: `Bearer ${(await apiKey(db)).key}` } }),
      params({ id: "nope" }),
    );
    expect([unknown.status, ((await unknown.json()) as { error: string }).error]).toEqual([404, "unknown_connector"]);
  });

  it("token endpoint and proxy: connection metadata under `metadata`, and an API Base URL template filled from it", async () => {
    const { db } = ctx();
    const { id, accessToken } = await connectorWithToken(db, {
      apiBaseUrl: "{instance_url}/v4",
      metadataFields: [{ source: "token", name: "instance_url", sensitive: true }],
    });
    await storeTokenSet(db, config.keyRing, id, {
      accessToken,
      tokenType: "Bearer",
      expiresAt: new Date(Date.now() + 3600_000),
      refreshToken: null,
      scopes: null,
      extra: { instance_url: upstream.origin },
    });
    const plain = await connectorWithToken(db, { apiBaseUrl: upstream.origin });
    const { key } = await apiKey(db);
    const get = (connectorId: string) =>
      routes.token(new Request(`${BASE}/api/v1/connectors/${connectorId}/token`, { headers: { authorization: `Bearer ${key}` } }), params({ id: connectorId }));

    expect(await (await get(id)).json()).toMatchObject({ access_token: accessToken, metadata: { instance_url: upstream.origin } });
    expect(((await (await get(plain.id)).json()) as { metadata: unknown }).metadata).toEqual({});

    upstream.requests.length = 0;
    const response = await routes.proxy(
      new Request(`${BASE}/api/v1/connectors/${id}/proxy/items`, { method: "POST", headers: { authorization: `Bearer ${key}` }, body: "{}" }),
      params({ id, path: ["items"] }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ url: "/v4/items" });
    expect(upstream.requests[0]?.headers.authorization).toBe(`Bearer ${accessToken}`);
  });

  it("proxy: forwards with the connector's auth data, streams the answer with no-store, refuses encoded escapes", async () => {
    const { db } = ctx();
    const { id, accessToken } = await connectorWithToken(db, { apiBaseUrl: `${upstream.origin}/v3` });
    const { key } = await apiKey(db, id);
    upstream.requests.length = 0;
    const response = await routes.proxy(
      new Request(`${BASE}/api/v1/connectors/${id}/proxy/items/7?expand=all`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: '{"a":1}',
      }),
      params({ id, path: ["items", "7"] }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(await response.json()).toMatchObject({ ok: true, url: "/v3/items/7?expand=all" });
    expect(upstream.requests[0]?.headers.authorization).toBe(`Bearer ${accessToken}`);
    expect(upstream.requests[0]?.body).toBe('{"a":1}');

    for (const trick of ["a%2F..%2F..%2Fadmin", "%252e%252e/admin", "a%5C..%5Cadmin"]) {
      const refused = await routes.proxy(
        new Request(`${BASE}/api/v1/connectors/${id}/proxy/${trick}`, { method: "POST", headers: { authorization: `Bearer ${key}` } }),
        params({ id, path: [trick] }),
      );
      expect(refused.status, trick).toBe(400);
      expect(((await refused.json()) as { error: string }).error).toBe("bad_path");
    }
    expect(upstream.requests).toHaveLength(1);
  });

  it("serves the OpenAPI document publicly", async () => {
    const response = await routes.openapi();
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(["/connectors/{id}/token", "/connectors/{id}/token/refresh", "/connectors/{id}/proxy/{path}"]),
    );
    type Operation = { parameters: { name: string; in: string; schema: unknown }[]; responses: Record<string, unknown> };
    const paths = document.paths as Record<string, Record<string, Operation>>;
    const token = paths["/connectors/{id}/token"]?.get;
    expect(token?.parameters).toContainEqual(
      expect.objectContaining({ name: "min_ttl", in: "query", schema: { type: "integer", minimum: 0, maximum: 86_400 } }),
    );
    expect(Object.keys(token?.responses ?? {})).toEqual(expect.arrayContaining(["200", "400", "405", "409", "502"]));
    const refresh = paths["/connectors/{id}/token/refresh"];
    expect(Object.keys(refresh ?? {})).toEqual(["post"]);
    expect(Object.keys(refresh?.post?.responses ?? {})).toEqual(expect.arrayContaining(["200", "405", "409", "502"]));
  });
});
