/**
 * Issue 12, static credentials (SECURITY 43) through the machine API, on both of its paths: the
 * Next.js route handlers (called in-process with real Requests) and the node:http handler (a real
 * server). The vendor API is a real server on 127.0.0.1 that accepts a request only when it
 * carries the credential exactly as configured, and records what it got:
 *
 * - API Key in a header of its own name with an empty prefix (`X-Api-Key: <key>`), in
 *   Authorization with a prefix (Kandji: `Authorization: Bearer <key>`), and in a query parameter;
 * - Basic Auth as Freshservice wants it (API key as user name, X as password):
 *   `Authorization: Basic base64(key:X)`, whatever the Header Prefix says.
 *
 * A header of that name the caller sent (its Latchkey Authorization, a forged X-Api-Key) is
 * replaced, never forwarded. The token endpoint returns credential_type, the credential and
 * exactly how to apply it; the console reads "No known expiry"; a forced renewal or an expiry
 * rule derives the same credential again instead of failing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { statusOf } from "../support/connector-status";
import type { Db } from "@/lib/db";
import { connectorSchema, defaultConnectorValues, type ConnectorFormValues } from "@/lib/connectors/schema";
import { createConnector } from "@/lib/connectors/service";
import { listConnectors } from "@/lib/connector-admin/queries";
import { getDashboard } from "@/lib/dashboard/queries";
import { getTokenSummary } from "@/lib/tokens/queries";
import { parseDashboardParams } from "@/lib/dashboard/params";
import { machineApiNodeHandler } from "@/lib/proxy/node-handler";
import { saveExpiryRules } from "@/lib/proxy/expiry-rules";
import { runTestRequest } from "@/lib/proxy/test-request";
import { KEY_ENTRY, admin, apiKey, config, proxyDeps } from "./support/fixtures";
import { forward, textOf } from "./support/forwarding";
import { startUpstream, type Upstream, type UpstreamHandler, type UpstreamRequest } from "./support/upstream";

const BASE = "http://localhost:3999";
const schema = connectorSchema({ allowLoopback: true });
const globals = globalThis as unknown as { latchkeyDb?: unknown; latchkeyStreamPools?: Map<string, { close(): Promise<void> }> };

/** What the vendor requires of the request it is sent; null when it carries the credential exactly as configured. */
type Check = (request: UpstreamRequest) => string | null;
let check: Check = () => "no credential expected yet";
const strictVendor: UpstreamHandler = (request, response) => {
  const problem = check(request);
  response.writeHead(problem ? 403 : 200, { "content-type": "application/json" });
  response.end(JSON.stringify(problem ? { error: "bad_credential", problem } : { ok: true, url: request.url }));
};
let upstream: Upstream;
beforeAll(async () => {
  upstream = await startUpstream(strictVendor);
});
afterAll(async () => {
  await upstream?.close();
});
beforeEach(() => {
  upstream.requests.length = 0;
});

const basic = (user: string, password: string) => Buffer.from(`${user}:${password}`, "utf8").toString("base64");
let counter = 0;

async function staticConnector(db: Db, values: Partial<ConnectorFormValues>): Promise<{ id: string; name: string }> {
  const name = `Static ${++counter}-${randomBytes(3).toString("hex")}`;
  const input = schema.parse({ ...defaultConnectorValues(), name, apiBaseUrl: upstream.origin, ...values });
  const { id } = await createConnector(db, config.keyRing, await admin(db), input);
  return { id, name };
}

interface CallInit {
  method?: string;
  query?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** One of the machine API's two paths, as a worker calls it. */
interface MachineApi {
  name: string;
  token(id: string, key: string): Promise<Response>;
  refresh(id: string, key: string): Promise<Response>;
  proxy(id: string, key: string, vendorPath: string, init?: CallInit): Promise<Response>;
}

type Handler = (request: Request, context: { params: Promise<Record<string, unknown>> }) => Promise<Response>;

describeEachDatabase("static credentials through the machine API", (ctx) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-static-"));
  let server: Server;
  let deps: ReturnType<typeof proxyDeps>;
  const apis: MachineApi[] = [];

  beforeAll(async () => {
    // Route handlers: getDb() hands out the suite's client, getConfig() reads this environment.
    Object.assign(process.env, {
      DATABASE_URL: ctx().url,
      LATCHKEY_ENCRYPTION_KEYS: KEY_ENTRY,
      AUTH_SECRET: "static-credentials-test-secret-0123456789",
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
      LATCHKEY_DEV_ALLOW_LOOPBACK: "1",
      LATCHKEY_DATA_DIR: dataDir,
    });
    globals.latchkeyDb = ctx().db;
    vi.resetModules();
    const token = (await import("@/app/api/v1/connectors/[id]/token/route")).GET as Handler;
    const refresh = (await import("@/app/api/v1/connectors/[id]/token/refresh/route")).POST as Handler;
    const proxy = (await import("@/app/api/v1/connectors/[id]/proxy/[[...path]]/route")).POST as Handler;
    const params = (value: Record<string, unknown>) => ({ params: Promise.resolve(value) });
    const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
    apis.push({
      name: "route handlers",
      token: (id, key) => token(new Request(`${BASE}/api/v1/connectors/${id}/token`, { headers: bearer(key) }), params({ id })),
      refresh: (id, key) => refresh(new Request(`${BASE}/api/v1/connectors/${id}/token/refresh`, { method: "POST", headers: bearer(key) }), params({ id })),
      proxy: (id, key, vendorPath, init = {}) =>
        proxy(
          new Request(`${BASE}/api/v1/connectors/${id}/proxy/${vendorPath}${init.query ? `?${init.query}` : ""}`, {
            method: init.method ?? "GET",
            headers: { ...init.headers, ...bearer(key) },
            body: init.body,
          }),
          params({ id, path: vendorPath.split("/") }),
        ),
    });

    deps = proxyDeps(ctx().db);
    const handle = machineApiNodeHandler(deps);
    server = createServer((req, res) => {
      void handle(req, res).then((handled) => {
        if (!handled) res.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    apis.push({
      name: "node:http handler",
      token: (id, key) => fetch(`${base}/api/v1/connectors/${id}/token`, { headers: bearer(key) }),
      refresh: (id, key) => fetch(`${base}/api/v1/connectors/${id}/token/refresh`, { method: "POST", headers: bearer(key) }),
      proxy: (id, key, vendorPath, init = {}) =>
        fetch(`${base}/api/v1/connectors/${id}/proxy/${vendorPath}${init.query ? `?${init.query}` : ""}`, {
          method: init.method ?? "GET",
          headers: { ...init.headers, ...bearer(key) },
          body: init.body,
        }),
    });
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await deps?.pool.close();
    delete globals.latchkeyDb;
    for (const pool of globals.latchkeyStreamPools?.values() ?? []) await pool.close();
    globals.latchkeyStreamPools?.clear();
    rmSync(dataDir, { recursive: true, force: true });
    apis.length = 0;
  });

  it("API key in its own header with an empty prefix: X-Api-Key carries the bare key; a caller's X-Api-Key and Authorization never reach the vendor", async () => {
    const { db } = ctx();
    const KEY = `xk_${randomBytes(12).toString("hex")}`;
    const { id, name } = await staticConnector(db, {
      credentialType: "api_key",
      apiKey: KEY,
      apiKeyHeader: "X-Api-Key",
      headerPrefix: "",
      apiBaseUrl: `${upstream.origin}/api/v2`,
    });
    const { key } = await apiKey(db, id);
    check = (request) =>
      request.headers["x-api-key"] !== KEY
        ? `x-api-key was ${request.headers["x-api-key"]}`
        : request.headers.authorization !== undefined
          ? "authorization was sent"
          : null;
    expect((await statusOf(db, id)).label).toBe("Not authorized");

    for (const api of apis) {
      const token = await api.token(id, key);
      expect(token.status, api.name).toBe(200);
      expect(token.headers.get("cache-control")).toBe("no-store");
      expect(await token.json(), api.name).toEqual({
        connector_id: id,
        credential_type: "api_key",
        access_token: KEY,
        token_type: "ApiKey",
        expires_at: null,
        expires_in: null,
        apply: { in: "header", name: "X-Api-Key", prefix: "" },
        metadata: {},
      });

      upstream.requests.length = 0;
      const proxied = await api.proxy(id, key, "devices/1", {
        method: "POST",
        query: "limit=5",
        headers: { "x-api-key": "forged-by-the-caller", "content-type": "application/json" },
        body: '{"a":1}',
      });
      expect(proxied.status, api.name).toBe(200);
      expect(await proxied.json()).toEqual({ ok: true, url: "/api/v2/devices/1?limit=5" });
      const [sent] = upstream.requests;
      expect(upstream.requests).toHaveLength(1);
      expect(sent?.headers["x-api-key"], api.name).toBe(KEY);
      expect(sent?.headers.authorization, api.name).toBeUndefined();
      expect(sent?.body).toBe('{"a":1}');
      expect(JSON.stringify(sent?.headers)).not.toContain("forged-by-the-caller");
      expect(JSON.stringify(sent?.headers)).not.toContain(key);
    }

    // Obtained locally and stored sealed, with no expiry: the console's pages all say so.
    const status = await statusOf(db, id);
    expect([status.status, status.label, status.failure]).toEqual(["no_known_expiry", "No known expiry", null]);
    const dashboard = await getDashboard(db, parseDashboardParams({ q: name }));
    expect(dashboard.rows.map((row) => [row.id, row.status, row.hasToken, row.expiresAt, row.vendorHost])).toEqual([
      [id, "no_known_expiry", true, null, new URL(upstream.origin).host],
    ]);
    expect(dashboard.counts.no_known_expiry).toBe(1);
    const listed = (await listConnectors(db)).find((row) => row.id === id);
    expect([listed?.summary.status, listed?.vendorHost]).toEqual(["no_known_expiry", new URL(upstream.origin).host]);
    const panel = await getTokenSummary(db, id, { showSensitive: true });
    expect([panel.credentialType, panel.summary.status, panel.token?.expiresAt]).toEqual(["api_key", "no_known_expiry", null]);
    expect(JSON.stringify(panel)).not.toContain(KEY);
    const stored = await db.token.findUniqueOrThrow({ where: { connectorId: id } });
    expect(stored.accessTokenEnc).not.toContain(KEY);
  });

  it("API key with a prefix in Authorization (Kandji): Authorization: Bearer <key>, the caller's Authorization replaced", async () => {
    const { db } = ctx();
    const KEY = `kandji-${randomBytes(16).toString("hex")}`;
    const { id } = await staticConnector(db, {
      credentialType: "api_key",
      apiKey: KEY,
      apiKeyHeader: "Authorization",
      headerPrefix: "Bearer",
      apiBaseUrl: `${upstream.origin}/api/v1`,
    });
    const { key } = await apiKey(db, id);
    check = (request) => (request.headers.authorization === `Bearer ${KEY}` ? null : `authorization was ${request.headers.authorization}`);
    for (const api of apis) {
      expect(await (await api.token(id, key)).json()).toMatchObject({
        credential_type: "api_key",
        access_token: KEY,
        token_type: "Bearer",
        apply: { in: "header", name: "Authorization", prefix: "Bearer" },
      });
      upstream.requests.length = 0;
      const proxied = await api.proxy(id, key, "devices");
      expect(proxied.status, api.name).toBe(200);
      await proxied.text();
      expect(upstream.requests.map((request) => [request.url, request.headers.authorization])).toEqual([["/api/v1/devices", `Bearer ${KEY}`]]);
    }
  });

  it("API key in a query parameter: the connector's parameter, replacing one the caller sent, and no credential header", async () => {
    const { db } = ctx();
    const KEY = `q-${randomBytes(10).toString("hex")}`;
    const { id } = await staticConnector(db, {
      credentialType: "api_key",
      apiKey: KEY,
      authPlacement: "query",
      queryParamName: "api_key",
      apiKeyHeader: "X-Api-Key",
      apiBaseUrl: `${upstream.origin}/v1`,
    });
    const { key } = await apiKey(db, id);
    check = (request) =>
      request.query.getAll("api_key").join() !== KEY
        ? `api_key was ${request.query.getAll("api_key").join()}`
        : request.headers.authorization || request.headers["x-api-key"]
          ? "a credential header was sent"
          : null;
    for (const api of apis) {
      expect(await (await api.token(id, key)).json()).toMatchObject({
        credential_type: "api_key",
        access_token: KEY,
        token_type: "ApiKey",
        apply: { in: "query", name: "api_key" },
      });
      upstream.requests.length = 0;
      const proxied = await api.proxy(id, key, "items", { query: "api_key=forged&page=2" });
      expect(proxied.status, api.name).toBe(200);
      await proxied.text();
      const [sent] = upstream.requests;
      expect(sent?.path).toBe("/v1/items");
      expect(sent?.query.get("page")).toBe("2");
      expect(sent?.query.getAll("api_key")).toEqual([KEY]);
      expect(sent?.headers.authorization).toBeUndefined();
    }
  });

  it("Basic Auth as Freshservice wants it (API key as user name, X as password): Authorization: Basic base64(key:X), whatever the Header Prefix says", async () => {
    const { db } = ctx();
    const FRESH_KEY = `fs${randomBytes(10).toString("hex")}`;
    // Header Prefix and placement are OAuth/API-key settings: Basic Auth ignores them.
    const { id } = await staticConnector(db, {
      credentialType: "basic",
      basicUsername: FRESH_KEY,
      basicPassword: "X",
      headerPrefix: "Token",
      authPlacement: "header",
      apiBaseUrl: `${upstream.origin}/api/v2`,
    });
    const { key } = await apiKey(db, id);
    check = (request) => {
      const [scheme, encoded] = (request.headers.authorization ?? "").split(" ");
      return scheme === "Basic" && Buffer.from(encoded ?? "", "base64").toString("utf8") === `${FRESH_KEY}:X`
        ? null
        : `authorization was ${request.headers.authorization}`;
    };
    for (const api of apis) {
      expect(await (await api.token(id, key)).json()).toEqual({
        connector_id: id,
        credential_type: "basic",
        access_token: basic(FRESH_KEY, "X"),
        token_type: "Basic",
        expires_at: null,
        expires_in: null,
        apply: { in: "header", name: "Authorization", prefix: "Basic" },
        metadata: {},
      });
      upstream.requests.length = 0;
      const proxied = await api.proxy(id, key, "tickets", { query: "per_page=1", headers: { "x-custom": "kept" } });
      expect(proxied.status, api.name).toBe(200);
      await proxied.text();
      expect(upstream.requests.map((request) => [request.url, request.headers.authorization, request.headers["x-custom"]])).toEqual([
        ["/api/v2/tickets?per_page=1", `Basic ${basic(FRESH_KEY, "X")}`, "kept"],
      ]);
    }
    expect((await statusOf(db, id)).label).toBe("No known expiry");
  });

  it("POST …/token/refresh derives the same credential again: never an error, still No known expiry", async () => {
    const { db } = ctx();
    const KEY = `r-${randomBytes(10).toString("hex")}`;
    const { id } = await staticConnector(db, { credentialType: "api_key", apiKey: KEY, apiKeyHeader: "X-Api-Key", headerPrefix: "" });
    const { key } = await apiKey(db, id);
    for (const api of apis) {
      // Twice: a second forced renewal within 10 s shares the first one's result.
      for (let i = 0; i < 2; i++) {
        const refreshed = await api.refresh(id, key);
        expect(refreshed.status, api.name).toBe(200);
        expect(await refreshed.json()).toMatchObject({ credential_type: "api_key", access_token: KEY, expires_at: null, refreshed: expect.any(Boolean) });
      }
    }
    const status = await statusOf(db, id);
    expect([status.label, status.failure]).toEqual(["No known expiry", null]);
  });

  it("an expiry rule can mark the credential expired: the proxy derives it again and retries once; the connector keeps its status", async () => {
    const { db } = ctx();
    const KEY = `e-${randomBytes(10).toString("hex")}`;
    const { id } = await staticConnector(db, { credentialType: "api_key", apiKey: KEY, apiKeyHeader: "X-Api-Key", headerPrefix: "" });
    const { requester } = await apiKey(db, id);
    await saveExpiryRules(db, id, { statuses: [403], bodyField: "error", bodyValues: ["key_expired"] });
    upstream.respondWith((request, response) => {
      response.writeHead(403, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: "key_expired", got: request.headers["x-api-key"] === KEY }));
    });
    try {
      const result = await forward(deps, id, requester, { path: "things" });
      expect([result.status, result.retried]).toEqual([403, true]);
      expect(JSON.parse(await textOf(result))).toEqual({ error: "key_expired", got: true });
      expect(upstream.requests.map((request) => request.headers["x-api-key"])).toEqual([KEY, KEY]);
      const status = await statusOf(db, id);
      expect([status.label, status.failure]).toEqual(["No known expiry", null]);
    } finally {
      upstream.respondWith(strictVendor);
    }
  });

  it("Send test request shows nothing of a static credential a careless vendor echoes: the key, Basic's token, or its user name decoded", async () => {
    const { db } = ctx();
    const actor = await admin(db);
    const [KEY, FRESH_KEY] = [`echo-${randomBytes(10).toString("hex")}`, `fs-${randomBytes(10).toString("hex")}`];
    const header = await staticConnector(db, { credentialType: "api_key", apiKey: KEY, apiKeyHeader: "X-Api-Key", headerPrefix: "" });
    const query = await staticConnector(db, { credentialType: "api_key", apiKey: KEY, authPlacement: "query", queryParamName: "api_key" });
    const pair = await staticConnector(db, { credentialType: "basic", basicUsername: FRESH_KEY, basicPassword: "X" });
    upstream.respondWith((request, response) => {
      const authorization = request.headers.authorization ?? "";
      const user = authorization.startsWith("Basic ") ? Buffer.from(authorization.slice(6), "base64").toString("utf8").split(":")[0] : null;
      const echoed = { key: request.headers["x-api-key"] ?? request.query.get("api_key"), authorization, user };
      response.writeHead(401, { "content-type": "application/json", "x-echo": JSON.stringify(echoed) });
      response.end(JSON.stringify({ error: "invalid", echoed }));
    });
    try {
      for (const { id } of [header, query, pair]) {
        const result = await runTestRequest(deps, actor, { connectorId: id, method: "GET", path: "/me?api_key=x", contentType: "", body: "" });
        expect(result).toMatchObject({ ok: true, status: 401, retried: true });
        const shown = JSON.stringify(result);
        for (const leaked of [KEY, FRESH_KEY, basic(FRESH_KEY, "X")]) expect(shown).not.toContain(leaked);
        expect(shown).toContain("[redacted]");
      }
    } finally {
      upstream.respondWith(strictVendor);
    }
  });
});
