/**
 * SECURITY 16: the proxy only ever reaches the connector's own API Base URL. Unit checks of the
 * path rules, then every trick through the proxy core against a recording upstream: all refused
 * with 400 bad_path before any request leaves.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { ApiError } from "@/lib/api-keys/api-error";
import { proxyTarget, replaceQueryParam } from "@/lib/proxy/target";
import { rawProxyPath } from "@/lib/proxy/web-adapter";
import { apiKey, connectorWithToken, proxyDeps } from "./support/fixtures";
import { forward } from "./support/forwarding";
import { startUpstream, type Upstream } from "./support/upstream";

/** Each trick, and what it tries. */
const ESCAPES: [string, string][] = [
  ["../admin", "plain dot-dot"],
  ["v1/../../admin", "dot-dot past the base path"],
  ["..", "bare dot-dot"],
  ["./../admin", "dot then dot-dot"],
  ["%2e%2e/admin", "encoded dot-dot"],
  ["%2E%2E/admin", "encoded dot-dot, upper case"],
  [".%2e/admin", "half-encoded dot-dot"],
  ["v1/%2e%2e/%2e%2e/admin", "encoded dot-dot segments in the middle"],
  ["v1%2f..%2f..%2fadmin", "encoded slashes"],
  ["v1%2F..%2Fadmin", "encoded slashes, upper case"],
  ["v1\\..\\admin", "backslashes"],
  ["v1%5c..%5cadmin", "encoded backslashes"],
  ["%252e%252e/admin", "double-encoded dot-dot"],
  ["v1%252f..%252fadmin", "double-encoded slashes"],
  ["%c0%ae%c0%ae/admin", "overlong UTF-8 dots (invalid UTF-8)"],
  ["/evil.example/x", "leading slash: //evil.example"],
  ["%2F%2Fevil.example/x", "encoded //evil.example"],
  ["https://evil.example/x", "absolute URL"],
  ["https:evil.example", "scheme without slashes"],
  ["javascript:alert(1)", "other scheme"],
  ["https%3A%2F%2Fevil.example", "encoded absolute URL"],
  ["v1/%00/admin", "encoded NUL"],
  ["v1/a b", "space"],
  ["%zz", "broken percent-encoding"],
];

describe("path rules", () => {
  it.each(ESCAPES)("refuses %s (%s)", (path) => {
    expect(() => proxyTarget("https://api.example.com/v2", path, "")).toThrow(ApiError);
  });

  it("keeps ordinary paths under the base, with their encoding and the query as sent", () => {
    const base = "https://api.example.com/v2";
    expect(proxyTarget(base, "items", "").toString()).toBe("https://api.example.com/v2/items");
    expect(proxyTarget(`${base}/`, "items/42", "a=1&b=%2F+c").toString()).toBe("https://api.example.com/v2/items/42?a=1&b=%2F+c");
    expect(proxyTarget(base, "", "").toString()).toBe("https://api.example.com/v2");
    expect(proxyTarget(base, "files/a..b/...", "").pathname).toBe("/v2/files/a..b/...");
    expect(proxyTarget(base, "projects/p1:batchGet", "").pathname).toBe("/v2/projects/p1:batchGet");
    expect(proxyTarget(base, "caf%C3%A9%20menu", "").pathname).toBe("/v2/caf%C3%A9%20menu");
    expect(proxyTarget("https://api.example.com/?key=1", "x", "y=2").toString()).toBe("https://api.example.com/x?key=1&y=2");
  });

  it("replaces the token parameter whatever its spelling and keeps the others as sent", () => {
    expect(replaceQueryParam("access_token=forged&a=%20&access%5Ftoken=x&b", "access_token", "t/k")).toBe("a=%20&b&access_token=t%2Fk");
    expect(replaceQueryParam("", "token", "v")).toBe("token=v");
  });

  it("reads the proxy path from the URL as received, not decoded", () => {
    expect(rawProxyPath("/api/v1/connectors/c1/proxy/a%2Fb/c")).toBe("a%2Fb/c");
    expect(rawProxyPath("/api/v1/connectors/c1/proxy")).toBe("");
    expect(rawProxyPath("/api/v1/connectors/c1/proxy//evil")).toBe("/evil");
  });
});

let upstream: Upstream;
beforeAll(async () => {
  upstream = await startUpstream();
});
afterAll(async () => {
  await upstream?.close();
});

describeEachDatabase("proxy refuses paths that leave the API Base URL", (ctx) => {
  it("every trick is a 400 bad_path and nothing reaches the upstream", async () => {
    const { db } = ctx();
    const deps = proxyDeps(db);
    const { id } = await connectorWithToken(db, { apiBaseUrl: `${upstream.origin}/tenant/v1` });
    const { requester } = await apiKey(db, id);
    upstream.requests.length = 0;
    try {
      for (const [path, what] of ESCAPES) {
        const error = await forward(deps, id, requester, { path }).then(() => null, (e: unknown) => e);
        expect(error, what).toBeInstanceOf(ApiError);
        expect((error as ApiError).code, what).toBe("bad_path");
        expect((error as ApiError).status, what).toBe(400);
      }
      expect(upstream.requests).toHaveLength(0);
    } finally {
      await deps.pool.close();
    }
  });
});
