/**
 * Worker-side recovery on the machine API (issue 9): `POST …/token/refresh` after a vendor 401,
 * `GET …/token?min_ttl=SECONDS`, and a disconnected connector. One contract, run against both
 * paths that serve it (the Next route handlers, called in-process with real Requests, and the
 * plain node:http handler over real HTTP), on both databases, with a scripted vendor token
 * endpoint that records every call. Each connector has its own token URL, so vendor calls are
 * counted per connector.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db";
import { machineApiNodeHandler } from "@/lib/proxy/node-handler";
import { disconnectConnector } from "@/lib/tokens/disconnect";
import { FORCED_RENEWAL_INTERVAL_MS } from "@/lib/tokens/freshness";
import { describeEachDatabase } from "../support/databases";
import { errorResponse, startScriptedServer, tokenResponse, waitUntil, type ScriptedServer } from "../support/scripted-server";
import { makeConnector, storeToken } from "../support/token-fixtures";
import { KEY_ENTRY, admin, apiKey, config, proxyDeps } from "./support/fixtures";

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** One way to reach the machine API: `call("POST", "/api/v1/connectors/x/token/refresh", key)`. */
type MachineApi = (method: string, urlPath: string, key: string) => Promise<Answer>;

type RouteHandler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;
type RouteModule = Record<string, RouteHandler>;

const BASE = "http://localhost:3999";
const TOKEN_KEYS = ["access_token", "apply", "connector_id", "credential_type", "expires_at", "expires_in", "metadata", "token_type"];
const globals = globalThis as unknown as { latchkeyDb?: unknown; latchkeyStreamPools?: Map<string, { close(): Promise<void> }> };

async function answerOf(response: Response): Promise<Answer> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** The route modules as Next would call them: the path picks the module, the method its export. */
function routeHandlerApi(token: RouteModule, refresh: RouteModule): MachineApi {
  return async (method, urlPath, key) => {
    const [, id = "", isRefresh] = /^\/api\/v1\/connectors\/([^/?]+)\/token(\/refresh)?(?:\?.*)?$/.exec(urlPath) ?? [];
    const handler = (isRefresh ? refresh : token)[method];
    if (!handler) throw new Error(`the route exports no ${method}`);
    return answerOf(
      await handler(new Request(`${BASE}${urlPath}`, { method, headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve({ id }) }),
    );
  };
}

function nodeHttpApi(base: string): MachineApi {
  return async (method, urlPath, key) => answerOf(await fetch(`${base}${urlPath}`, { method, headers: { authorization: `Bearer ${key}` } }));
}

/** The vendor: a token endpoint per connector (`/token/<tag>`), answering new tokens unless told to fail or to hold. */
let vendor: ScriptedServer;
const failing = new Set<string>();
const held = new Map<string, Promise<void>>();
beforeAll(async () => {
  vendor = await startScriptedServer(async (request) => {
    const tag = request.path.slice("/token/".length);
    const call = vendor.requests.filter((r) => r.path === request.path).length;
    await held.get(tag);
    if (failing.has(tag)) return errorResponse(503, "temporarily_unavailable");
    return tokenResponse(`${tag}-renewed-${call}`);
  });
});
afterAll(async () => {
  await vendor?.close();
});

const vendorCalls = (tag: string) => vendor.requests.filter((request) => request.path === `/token/${tag}`).length;

/**
 * A connector whose token requests go to the vendor at `/token/<tag>`, with a token stored an hour
 * ago (a token stored in the last 10 s counts as a vendor call that forced renewals share); its
 * tag, id and an API key for it.
 */
async function connector(
  db: Db,
  token: { expiresInMs: number | null; refresh?: string | null },
  grantType: "authorization_code" | "client_credentials" = "authorization_code",
) {
  const tag = randomBytes(6).toString("hex");
  const id = await makeConnector(db, config, { tokenUrl: `${vendor.url}/token/${tag}`, grantType });
  await storeToken(db, config, id, {
    access: `${tag}-stored`,
    refresh: token.refresh === undefined ? "stored-refresh" : token.refresh,
    expiresInMs: token.expiresInMs,
  });
  const anHourAgo = new Date(Date.now() - 3600_000);
  await db.token.update({ where: { connectorId: id }, data: { lastAttemptAt: anHourAgo, lastRefreshedAt: anHourAgo } });
  const { key } = await apiKey(db, id);
  return { tag, id, key, stored: `${tag}-stored`, token: `/api/v1/connectors/${id}/token`, refresh: `/api/v1/connectors/${id}/token/refresh` };
}

describeEachDatabase("worker recovery on the machine API", (ctx) => {
  const apis: Record<string, MachineApi> = {};
  let server: Server | undefined;
  let deps: ReturnType<typeof proxyDeps> | undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-recovery-"));

  beforeAll(async () => {
    deps = proxyDeps(ctx().db);
    const handle = machineApiNodeHandler(deps);
    server = createServer((req, res) => {
      void handle(req, res).then((handled) => {
        if (!handled) res.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    apis["node:http handler"] = nodeHttpApi(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);

    Object.assign(process.env, {
      DATABASE_URL: ctx().url,
      LATCHKEY_ENCRYPTION_KEYS: KEY_ENTRY,
      AUTH_SECRET: "worker-recovery-test-secret-0123456789abcdef",
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(32, 5).toString("base64"),
      LATCHKEY_DEV_ALLOW_LOOPBACK: "1",
      LATCHKEY_DATA_DIR: dataDir,
    });
    globals.latchkeyDb = ctx().db; // getDb() hands out the suite's client
    vi.resetModules(); // and getConfig() reads the environment above
    const token = (await import("@/app/api/v1/connectors/[id]/token/route")) as unknown as RouteModule;
    const refresh = (await import("@/app/api/v1/connectors/[id]/token/refresh/route")) as unknown as RouteModule;
    apis["Next route handlers"] = routeHandlerApi(token, refresh);
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await deps?.pool.close();
    delete globals.latchkeyDb;
    for (const pool of globals.latchkeyStreamPools?.values() ?? []) await pool.close();
    globals.latchkeyStreamPools?.clear();
    rmSync(dataDir, { recursive: true, force: true });
  });

  for (const name of ["node:http handler", "Next route handlers"]) {
    describe(name, () => {
      const call: MachineApi = (method, urlPath, key) => {
        const api = apis[name];
        if (!api) throw new Error(`${name} is not set up`);
        return api(method, urlPath, key);
      };

      it("POST …/token/refresh: 100 concurrent requests make one vendor call and share its token; a burst within 10 s makes none; after 10 s one more", async () => {
        const { db } = ctx();
        // A token without expiry, as a worker holds when the vendor's 401 is the only sign it ended.
        const c = await connector(db, { expiresInMs: null });
        let release = () => {};
        held.set(c.tag, new Promise<void>((resolve) => (release = resolve)));

        const burst = Promise.all(Array.from({ length: 100 }, () => call("POST", c.refresh, c.key)));
        await waitUntil(() => vendorCalls(c.tag) > 0, "the vendor got the renewal");
        release();
        const first = await burst;
        expect(vendorCalls(c.tag)).toBe(1);
        expect(vendor.requests.find((r) => r.path === `/token/${c.tag}`)?.form).toMatchObject({ grant_type: "refresh_token", refresh_token: "stored-refresh" });
        for (const answer of first) {
          expect(answer.status).toBe(200);
          expect(answer.headers.get("cache-control")).toBe("no-store");
          expect(answer.body.access_token).toBe(`${c.tag}-renewed-1`);
        }
        expect(Object.keys(first[0]!.body).sort()).toEqual([...TOKEN_KEYS, "refreshed"].sort());
        expect(JSON.stringify(first[0]!.body)).not.toMatch(/stored-refresh|client-secret/);
        // Requests that joined the flight saw it call the vendor; any that came after it finished shared its result.
        expect(first.some((answer) => answer.body.refreshed === true)).toBe(true);

        const second = await Promise.all(Array.from({ length: 100 }, () => call("POST", c.refresh, c.key)));
        expect(vendorCalls(c.tag)).toBe(1);
        expect(second.map((answer) => [answer.status, answer.body.access_token, answer.body.refreshed])).toEqual(
          Array.from({ length: 100 }, () => [200, `${c.tag}-renewed-1`, false]),
        );

        // The interval has passed: the next request calls the vendor again.
        const past = new Date(Date.now() - FORCED_RENEWAL_INTERVAL_MS - 1_000);
        await db.token.update({ where: { connectorId: c.id }, data: { lastAttemptAt: past, lastRefreshedAt: past } });
        const third = await call("POST", c.refresh, c.key);
        expect([third.status, third.body.access_token, third.body.refreshed]).toEqual([200, `${c.tag}-renewed-2`, true]);
        expect(vendorCalls(c.tag)).toBe(2);
        // GET …/token hands out the renewed token (the cache holds the newest result).
        expect((await call("GET", c.token, c.key)).body.access_token).toBe(`${c.tag}-renewed-2`);
        expect(vendorCalls(c.tag)).toBe(2);
      });

      it("POST …/token/refresh: a failed renewal is a 502, and a retry within 10 s shares that failure without calling the vendor", async () => {
        const { db } = ctx();
        const c = await connector(db, { expiresInMs: null });
        failing.add(c.tag);
        const refused = await call("POST", c.refresh, c.key);
        expect([refused.status, refused.body.error, refused.body.oauth_error]).toEqual([502, "upstream_refused", "temporarily_unavailable"]);
        expect(JSON.stringify(refused.body)).not.toContain(c.stored);
        const again = await call("POST", c.refresh, c.key);
        expect([again.status, again.body.error]).toEqual([502, "upstream_refused"]);
        expect(vendorCalls(c.tag)).toBe(1);
      });

      it("GET …/token?min_ttl: renews only when the token expires sooner than asked", async () => {
        const { db } = ctx();
        const c = await connector(db, { expiresInMs: 5 * 60_000 });
        const enough = await call("GET", `${c.token}?min_ttl=60`, c.key);
        expect([enough.status, enough.body.access_token]).toEqual([200, c.stored]);
        expect(enough.body.expires_in).toBeGreaterThan(290);
        expect(vendorCalls(c.tag)).toBe(0);

        // The token answered just now is cached, but it does not last 600 s: renewed first.
        const longer = await call("GET", `${c.token}?min_ttl=600`, c.key);
        expect([longer.status, longer.body.access_token]).toEqual([200, `${c.tag}-renewed-1`]);
        expect(longer.body.expires_in).toBeGreaterThan(600);
        expect(vendorCalls(c.tag)).toBe(1);
        expect((await call("GET", `${c.token}?min_ttl=600`, c.key)).body.access_token).toBe(`${c.tag}-renewed-1`);
        expect(vendorCalls(c.tag)).toBe(1);
      });

      it("GET …/token?min_ttl: when the renewal fails, the stored token (still valid) is the answer, and the backoff holds", async () => {
        const { db } = ctx();
        const c = await connector(db, { expiresInMs: 5 * 60_000 });
        failing.add(c.tag);
        const answer = await call("GET", `${c.token}?min_ttl=600`, c.key);
        expect([answer.status, answer.body.access_token]).toEqual([200, c.stored]);
        expect(answer.body.expires_in).toBeLessThanOrEqual(300);
        expect(vendorCalls(c.tag)).toBe(1);
        // Asking again does not get around the stored backoff: same token, no vendor call.
        expect((await call("GET", `${c.token}?min_ttl=600`, c.key)).body.access_token).toBe(c.stored);
        expect(vendorCalls(c.tag)).toBe(1);
      });

      it("GET …/token?min_ttl: anything but a whole number of seconds from 0 to 86400, given once, is a 400 invalid_parameter", async () => {
        const { db } = ctx();
        const c = await connector(db, { expiresInMs: 5 * 60_000 });
        for (const query of [
          "min_ttl=-1",
          "min_ttl=abc",
          "min_ttl=86401",
          "min_ttl=1.5",
          "min_ttl=",
          "min_ttl=1e3",
          "min_ttl=%2060",
          "min_ttl=60&min_ttl=60",
        ]) {
          const refused = await call("GET", `${c.token}?${query}`, c.key);
          expect([refused.status, refused.body.error], query).toEqual([400, "invalid_parameter"]);
          expect(refused.headers.get("content-type")).toMatch(/^application\/json/);
          expect(refused.headers.get("cache-control")).toBe("no-store");
          expect(refused.body.message).toEqual(expect.any(String));
          expect(JSON.stringify(refused.body)).not.toContain(c.stored);
        }
        expect((await call("GET", `${c.token}?min_ttl=0&other=ignored`, c.key)).status).toBe(200);
        expect(vendorCalls(c.tag)).toBe(0);

        // The upper bound is accepted; a token without a known expiry satisfies any min_ttl.
        const open = await connector(db, { expiresInMs: null });
        const answer = await call("GET", `${open.token}?min_ttl=86400`, open.key);
        expect([answer.status, answer.body.access_token, answer.body.expires_in]).toEqual([200, open.stored, null]);
        expect(vendorCalls(open.tag)).toBe(0);
      });

      it("a disconnected connector: GET …/token and POST …/token/refresh answer 409 disconnected and the vendor sees nothing", async () => {
        const { db } = ctx();
        const c = await connector(db, { expiresInMs: 3600_000, refresh: null }, "client_credentials");
        await disconnectConnector(db, config, await admin(db), c.id);
        for (const [method, urlPath] of [
          ["GET", c.token],
          ["GET", `${c.token}?min_ttl=600`],
          ["POST", c.refresh],
        ] as const) {
          const answer = await call(method, urlPath, c.key);
          expect(answer.status, `${method} ${urlPath}`).toBe(409);
          expect(answer.body).toMatchObject({ error: "disconnected", status: "Disconnected", message: expect.any(String) });
          expect(answer.headers.get("cache-control")).toBe("no-store");
        }
        expect(vendorCalls(c.tag)).toBe(0);
      });

      it("other methods: 405 method_not_allowed with Allow, before any token work", async () => {
        const { db } = ctx();
        const c = await connector(db, { expiresInMs: null });
        for (const [method, urlPath, allow] of [
          ["GET", c.refresh, "POST"],
          ["PUT", c.refresh, "POST"],
          ["DELETE", c.refresh, "POST"],
          ["POST", c.token, "GET"],
        ] as const) {
          const answer = await call(method, urlPath, c.key);
          expect([answer.status, answer.body.error, answer.headers.get("allow")], `${method} ${urlPath}`).toEqual([405, "method_not_allowed", allow]);
        }
        expect(vendorCalls(c.tag)).toBe(0);
      });
    });
  }
});
