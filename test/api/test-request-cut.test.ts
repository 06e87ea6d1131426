/**
 * Send test request shows at most SHOWN_BODY_MAX characters of the answer, cut before it is
 * redacted. The cut must not show part of a token it went through (half a token no longer
 * matches the token, so redaction alone would let it through), and pretty-printing must not make
 * the shown body longer than the limit.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { runTestRequest, SHOWN_BODY_MAX } from "@/lib/proxy/test-request";
import { admin, connectorWithToken, proxyDeps } from "./support/fixtures";
import { startUpstream, type Upstream } from "./support/upstream";

let upstream: Upstream;
beforeAll(async () => {
  upstream = await startUpstream();
});
afterAll(async () => {
  await upstream?.close();
});

describeEachDatabase("send test request cuts long answers safely", (ctx) => {
  it("shows nothing of a token echoed across the cut", async () => {
    const { db } = ctx();
    const deps = proxyDeps(db);
    const actor = await admin(db);
    try {
      const { id, accessToken } = await connectorWithToken(db, { apiBaseUrl: upstream.origin });
      // Lines of text, then the token the vendor received, starting 10 bytes before the cut.
      const lines = "the vendor logs what it received\n".repeat(Math.ceil(SHOWN_BODY_MAX / 33));
      upstream.respondWith((request, response) => {
        const token = String(request.headers.authorization).replace(/^Bearer /, "");
        response.writeHead(200, { "content-type": "text/plain" });
        response.end(`${lines.slice(0, SHOWN_BODY_MAX - 11)}\n${token} and more text after it`);
      });
      const result = await runTestRequest(deps, actor, { connectorId: id, method: "GET", path: "logs", contentType: "", body: "" });
      if (!result.ok) throw new Error(result.message);
      expect(result.bodyTruncated).toBe(true);
      // Everything before the token is shown; the 10 bytes of it inside the limit are not.
      // The end first, so a failure shows a readable difference.
      expect(JSON.stringify(result.body.slice(-60))).toBe(JSON.stringify(`${lines.slice(0, SHOWN_BODY_MAX - 11)}\n[redacted]`.slice(-60)));
      expect(result.body).toBe(`${lines.slice(0, SHOWN_BODY_MAX - 11)}\n[redacted]`);
      for (let length = 4; length <= accessToken.length; length++) expect(result.body).not.toContain(accessToken.slice(0, length));
    } finally {
      await deps.pool.close();
    }
  });

  it("cuts a body that pretty-printing made longer than the limit", async () => {
    const { db } = ctx();
    const deps = proxyDeps(db);
    const actor = await admin(db);
    try {
      const { id } = await connectorWithToken(db, { apiBaseUrl: upstream.origin });
      // 200 KiB of compact JSON: one number per line once indented, four times as long.
      upstream.respondWith((_request, response) => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(Array.from({ length: 100 * 1024 }, () => 7)));
      });
      const result = await runTestRequest(deps, actor, { connectorId: id, method: "GET", path: "numbers", contentType: "", body: "" });
      if (!result.ok) throw new Error(result.message);
      expect(result.bodyTruncated).toBe(true);
      expect(result.body.length).toBeLessThanOrEqual(SHOWN_BODY_MAX);
      expect(result.body.startsWith("[\n  7,\n  7,")).toBe(true);
    } finally {
      await deps.pool.close();
    }
  });
});
