/**
 * Send test request: runs through the proxy core on the server and returns what the admin sees,
 * with every token sent redacted from the URL, headers and body, even when the vendor echoes it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { runTestRequest, splitTestPath } from "@/lib/proxy/test-request";
import { admin, connectorWithToken, proxyDeps } from "./support/fixtures";
import { startUpstream, type Upstream } from "./support/upstream";

let upstream: Upstream;
beforeAll(async () => {
  // A careless vendor: echoes the credential it received in a header and in the body.
  upstream = await startUpstream((request, response) => {
    const credential = String(request.headers.authorization ?? request.query.get("key") ?? "");
    response.writeHead(200, { "content-type": "application/json", "x-echo-auth": credential });
    response.end(JSON.stringify({ received: credential, path: request.path, body: request.body }));
  });
});
afterAll(async () => {
  await upstream?.close();
});

describe("test request path", () => {
  it("splits path and query and encodes what a URL cannot carry", () => {
    expect(splitTestPath("/v1/items?limit=5&q=a b")).toEqual({ rawPath: "v1/items", rawQuery: "limit=5&q=a%20b" });
    expect(splitTestPath("v1/café")).toEqual({ rawPath: "v1/caf%C3%A9", rawQuery: "" });
    expect(splitTestPath("//evil.example").rawPath).toBe("//evil.example");
  });
});

describeEachDatabase("send test request", (ctx) => {
  it("shows status, timing, headers and a pretty body with the token redacted everywhere", async () => {
    const { db } = ctx();
    const deps = proxyDeps(db);
    const actor = await admin(db);
    try {
      const header = await connectorWithToken(db, { apiBaseUrl: upstream.origin, headerPrefix: "Bearer" });
      const result = await runTestRequest(deps, actor, {
        connectorId: header.id,
        method: "POST",
        path: "/v1/things",
        contentType: "application/json",
        body: '{"a":1}',
      });
      expect(result).toMatchObject({ ok: true, status: 200, retried: false, contentType: "application/json" });
      if (!result.ok) throw new Error("unreachable");
      expect(result.durationMs).toBeGreaterThan(0);
      expect(JSON.stringify(result)).not.toContain(header.accessToken);
      expect(result.headers).toContainEqual(["x-echo-auth", "Bearer [redacted]"]);
      expect(result.body).toBe(JSON.stringify({ received: "Bearer [redacted]", path: "/v1/things", body: '{"a":1}' }, null, 2));

      const query = await connectorWithToken(db, { apiBaseUrl: upstream.origin, authPlacement: "query", queryParamName: "key" });
      const viaQuery = await runTestRequest(deps, actor, { connectorId: query.id, method: "GET", path: "me?x=1", contentType: "", body: "" });
      expect(JSON.stringify(viaQuery)).not.toContain(query.accessToken);
      expect(viaQuery).toMatchObject({ ok: true, url: `${upstream.origin}/me?x=1` });

      const event = await db.event.findFirstOrThrow({ where: { type: "proxy.test_request", connectorId: header.id } });
      expect(JSON.parse(event.detail)).toEqual({ method: "POST", path: "/v1/things", status: 200, retried: false });
      expect(event.actorId).toBe(actor.userId);
    } finally {
      await deps.pool.close();
    }
  });

  it("reports refusals as codes and messages, sending nothing", async () => {
    const { db } = ctx();
    const deps = proxyDeps(db);
    const actor = await admin(db);
    try {
      const { id } = await connectorWithToken(db, { apiBaseUrl: upstream.origin });
      upstream.requests.length = 0;
      const escaped = await runTestRequest(deps, actor, { connectorId: id, method: "GET", path: "../../etc/passwd", contentType: "", body: "" });
      expect(escaped).toMatchObject({ ok: false, error: "bad_path" });
      const absolute = await runTestRequest(deps, actor, { connectorId: id, method: "GET", path: "https://evil.example/", contentType: "", body: "" });
      expect(absolute).toMatchObject({ ok: false, error: "bad_path" });
      expect(upstream.requests).toHaveLength(0);
    } finally {
      await deps.pool.close();
    }
  });
});
