/**
 * The lighter path (lib/proxy/node-handler.ts): the same machine API on plain node:http. Same
 * authentication answers, token endpoint and proxy behaviour as the route handlers.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { revokeApiKey } from "@/lib/api-keys/service";
import { machineApiNodeHandler } from "@/lib/proxy/node-handler";
import { storeTokenSet } from "@/lib/tokens/token-store";
import { admin, apiKey, config, connectorWithToken, proxyDeps } from "./support/fixtures";
import { startUpstream, type Upstream } from "./support/upstream";

let upstream: Upstream;
beforeAll(async () => {
  upstream = await startUpstream();
});
afterAll(async () => {
  await upstream?.close();
});

describeEachDatabase("machine API on node:http", (ctx) => {
  let server: Server;
  let base: string;
  let deps: ReturnType<typeof proxyDeps>;
  beforeAll(async () => {
    deps = proxyDeps(ctx().db);
    const handle = machineApiNodeHandler(deps);
    server = createServer((req, res) => {
      void handle(req, res).then((handled) => {
        if (!handled) res.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await deps?.pool.close();
  });

  it("authenticates, serves the token endpoint and proxies like the route handlers", async () => {
    const { db } = ctx();
    const { id, accessToken } = await connectorWithToken(db, { apiBaseUrl: `${upstream.origin}/v2`, headerPrefix: "" });
    const { key, id: keyId } = await apiKey(db, id);

    const missing = await fetch(`${base}/api/v1/connectors/${id}/token`);
    expect([missing.status, missing.headers.get("www-authenticate"), ((await missing.json()) as { error: string }).error]).toEqual([
      401,
      'Bearer realm="latchkey"',
      "invalid_api_key",
    ]);

    const token = await fetch(`${base}/api/v1/connectors/${id}/token`, { headers: { authorization: `Bearer ${key}` } });
    expect(token.headers.get("cache-control")).toBe("no-store");
    expect(await token.json()).toMatchObject({ access_token: accessToken, apply: { in: "header", prefix: "" } });

    upstream.requests.length = 0;
    const proxied = await fetch(`${base}/api/v1/connectors/${id}/proxy/things/1?x=%20y`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${key}`, cookie: "a=b" },
      body: "patch",
    });
    expect(proxied.status).toBe(200);
    expect(proxied.headers.get("set-cookie")).toBeNull();
    await proxied.text();
    expect(upstream.requests[0]).toMatchObject({ method: "PATCH", url: "/v2/things/1?x=%20y", body: "patch" });
    expect(upstream.requests[0]?.headers).toMatchObject({ authorization: accessToken });
    expect(upstream.requests[0]?.headers.cookie).toBeUndefined();

    // Only …/token and …/token/refresh are token endpoints; a vendor path ending in /token is proxied.
    expect((await fetch(`${base}/api/v1/connectors/${id}/token/elsewhere`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(404);
    upstream.requests.length = 0;
    const vendorPath = await fetch(`${base}/api/v1/connectors/${id}/proxy/oauth/token`, { headers: { authorization: `Bearer ${key}` } });
    expect(vendorPath.status).toBe(200);
    await vendorPath.text();
    expect(upstream.requests[0]).toMatchObject({ method: "GET", url: "/v2/oauth/token" });

    const escaped = await fetch(`${base}/api/v1/connectors/${id}/proxy/a%2F..%2Fb`, { headers: { authorization: `Bearer ${key}` } });
    expect([escaped.status, ((await escaped.json()) as { error: string }).error]).toEqual([400, "bad_path"]);

    await revokeApiKey(db, await admin(db), keyId);
    expect((await fetch(`${base}/api/v1/connectors/${id}/token`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(401);
  });

  it("returns connection metadata and fills an API Base URL template from it, like the route handlers", async () => {
    const { db } = ctx();
    const metadataFields = [{ source: "token" as const, name: "instance_url", sensitive: true }];
    const { id, accessToken } = await connectorWithToken(db, { apiBaseUrl: "{instance_url}/v2", metadataFields });
    await storeTokenSet(db, config.keyRing, id, {
      accessToken,
      tokenType: "Bearer",
      expiresAt: new Date(Date.now() + 3600_000),
      refreshToken: null,
      scopes: null,
      extra: { instance_url: upstream.origin },
    });
    const unfilled = await connectorWithToken(db, { apiBaseUrl: "{instance_url}/v2", metadataFields });
    const { key } = await apiKey(db);
    const headers = { authorization: `Bearer ${key}` };

    const token = await fetch(`${base}/api/v1/connectors/${id}/token`, { headers });
    expect(await token.json()).toMatchObject({ access_token: accessToken, metadata: { instance_url: upstream.origin } });
    // Kept fields the vendor did not send are absent, not null.
    const without = await fetch(`${base}/api/v1/connectors/${unfilled.id}/token`, { headers });
    expect(((await without.json()) as { metadata: unknown }).metadata).toEqual({});

    upstream.requests.length = 0;
    const proxied = await fetch(`${base}/api/v1/connectors/${id}/proxy/things/1`, { headers });
    expect(proxied.status).toBe(200);
    await proxied.text();
    expect(upstream.requests.map((request) => [request.url, request.headers.authorization])).toEqual([["/v2/things/1", `Bearer ${accessToken}`]]);

    const incomplete = await fetch(`${base}/api/v1/connectors/${unfilled.id}/proxy/things/1`, { headers });
    expect([incomplete.status, await incomplete.json()]).toEqual([
      409,
      { error: "api_base_url_incomplete", message: expect.stringContaining('"instance_url"'), field: "instance_url" },
    ]);
    expect(upstream.requests).toHaveLength(1);
  });
});
