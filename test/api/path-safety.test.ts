/**
 * SECURITY 16: the proxy only ever reaches the connector's own API Base URL. Unit checks of the
 * path rules, then every trick through the proxy core against a recording upstream: all refused
 * with 400 bad_path before any request leaves.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { ApiError } from "@/lib/machine-api/api-error";
import { proxyTarget, replaceQueryParam } from "@/lib/proxy/target";
import { rawProxyPath } from "@/lib/proxy/web-adapter";
import { apiKey, connectorWithToken, proxyDeps } from "./support/fixtures";
import { forward, textOf } from "./support/forwarding";
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
  ["v1/..;/admin", "dot-dot with a path parameter (Tomcat and Spring resolve it)"],
  ["..;jsessionid=1/admin", "dot-dot with a named path parameter"],
  ["v1/%2e%2e;/admin", "encoded dot-dot with a path parameter"],
  ["v1/..%3b/admin", "dot-dot with an encoded semicolon"],
  ["v1/.;/../admin", "dot with a path parameter, then dot-dot"],
  ["v1/\u2024\u2024/admin", "ONE DOT LEADER U+2024 twice (NFKC: ..)"],
  ["v1/%E2%80%A4%E2%80%A4/admin", "ONE DOT LEADER, percent-encoded UTF-8"],
  ["\uFF0E\uFF0E/admin", "FULLWIDTH FULL STOP U+FF0E twice"],
  ["%EF%BC%8E%EF%BC%8E/admin", "FULLWIDTH FULL STOP, percent-encoded UTF-8"],
  ["\u3002\u3002/admin", "IDEOGRAPHIC FULL STOP U+3002 twice (IDNA: ..)"],
  ["%E3%80%82%E3%80%82/admin", "IDEOGRAPHIC FULL STOP, percent-encoded UTF-8"],
  ["v1/.\uFF0E/admin", "one dot and one look-alike"],
  ["%2e%2e%EF%BC%8Fadmin", "dot-dot then a FULLWIDTH SOLIDUS U+FF0F (NFKC: /)"],
  ["v1/%EF%BC%85%EF%BC%92e", "FULLWIDTH PERCENT SIGN U+FF05 (NFKC: %)"],
];

/** Tricks that use the encoded slash a connector can allow: refused whether it is allowed or not. */
const ENCODED_SLASH_ESCAPES: [string, string][] = [
  ["group%2F..%2F..%2Fadmin", "encoded dot-dot segments between encoded slashes"],
  ["v1/a%2F..%2Fadmin", "encoded slash, dot-dot, encoded slash"],
  ["..%2Fadmin", "dot-dot before an encoded slash"],
  ["%2e%2e%2Fadmin", "encoded dot-dot before an encoded slash"],
  ["a%2F.%2Fb", "a dot segment between encoded slashes"],
  ["a%2F..;%2Fadmin", "dot-dot with a path parameter between encoded slashes"],
  ["%2F%2Fevil.example/x", "encoded //host"],
  ["%2Fadmin", "a leading encoded slash"],
  ["a%252Fb", "double-encoded slash"],
  ["a%252F..%252Fadmin", "double-encoded slashes around dot-dot"],
  ["a%5Cb", "encoded backslash"],
  ["a%2F%E2%80%A4%E2%80%A4%2Fadmin", "look-alike dots between encoded slashes"],
];

const WITH_SLASH = { allowEncodedSlash: true };

describe("path rules", () => {
  it.each(ESCAPES)("refuses %s (%s)", (path) => {
    expect(() => proxyTarget("https://api.example.com/v2", path, "")).toThrow(ApiError);
  });

  it.each(ENCODED_SLASH_ESCAPES)("refuses %s (%s) whether the connector allows encoded slashes or not", (path) => {
    expect(() => proxyTarget("https://api.example.com/v2", path, "")).toThrow(ApiError);
    expect(() => proxyTarget("https://api.example.com/v2", path, "", WITH_SLASH)).toThrow(ApiError);
  });

  it("refuses every other trick too when the connector allows encoded slashes", () => {
    for (const [path, what] of ESCAPES) expect(() => proxyTarget("https://api.example.com/v2", path, "", WITH_SLASH), what).toThrow(ApiError);
  });

  it("keeps an encoded slash inside a segment, as sent, only when the connector allows it", () => {
    const base = "https://gitlab.example.com/api/v4";
    expect(() => proxyTarget(base, "projects/group%2Fproject/issues", "")).toThrow(/encoded slash/);
    expect(proxyTarget(base, "projects/group%2Fproject/issues", "state=opened", WITH_SLASH).toString()).toBe(
      "https://gitlab.example.com/api/v4/projects/group%2Fproject/issues?state=opened",
    );
    expect(proxyTarget(base, "projects/group%2fsub%2Fproject", "", WITH_SLASH).pathname).toBe("/api/v4/projects/group%2fsub%2Fproject");
    expect(proxyTarget(base, "repos/a..b%2F...", "", WITH_SLASH).pathname).toBe("/api/v4/repos/a..b%2F...");
  });

  it("names the look-alike it refuses", () => {
    expect(() => proxyTarget("https://api.example.com/v2", "v1/%E2%80%A4%E2%80%A4/admin", "")).toThrow(/U\+2024/);
    expect(() => proxyTarget("https://api.example.com/v2", "\u3002\u3002/admin", "")).toThrow(/U\+3002/);
  });

  it("keeps ordinary paths under the base, with their encoding and the query as sent", () => {
    const base = "https://api.example.com/v2";
    expect(proxyTarget(base, "items", "").toString()).toBe("https://api.example.com/v2/items");
    expect(proxyTarget(`${base}/`, "items/42", "a=1&b=%2F+c").toString()).toBe("https://api.example.com/v2/items/42?a=1&b=%2F+c");
    expect(proxyTarget(base, "", "").toString()).toBe("https://api.example.com/v2");
    expect(proxyTarget(base, "files/a..b/...", "").pathname).toBe("/v2/files/a..b/...");
    expect(proxyTarget(base, "projects/p1:batchGet", "").pathname).toBe("/v2/projects/p1:batchGet");
    expect(proxyTarget(base, "caf%C3%A9%20menu", "").pathname).toBe("/v2/caf%C3%A9%20menu");
    expect(proxyTarget(base, "cars;color=red/1", "").pathname).toBe("/v2/cars;color=red/1");
    expect(proxyTarget(base, "%E6%97%A5%E6%9C%AC/%E2%82%AC", "").pathname).toBe("/v2/%E6%97%A5%E6%9C%AC/%E2%82%AC");
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
        const error = await forward(deps, id, requester, { path }).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error, what).toBeInstanceOf(ApiError);
        expect((error as ApiError).code, what).toBe("bad_path");
        expect((error as ApiError).status, what).toBe(400);
      }
      expect(upstream.requests).toHaveLength(0);
    } finally {
      await deps.pool.close();
    }
  });

  it("a connector that allows encoded slashes forwards one inside a segment and still refuses every trick", async () => {
    const { db } = ctx();
    const deps = proxyDeps(db);
    const allowing = await connectorWithToken(db, { apiBaseUrl: `${upstream.origin}/tenant/v1`, allowEncodedSlash: true });
    const strict = await connectorWithToken(db, { apiBaseUrl: `${upstream.origin}/tenant/v1` });
    const allowingKey = await apiKey(db, allowing.id);
    const strictKey = await apiKey(db, strict.id);
    upstream.requests.length = 0;
    try {
      const sent = await forward(deps, allowing.id, allowingKey.requester, { path: "projects/group%2Fproject/issues" });
      expect(sent.status).toBe(200);
      await textOf(sent);
      expect(upstream.requests.map((request) => request.url)).toEqual(["/tenant/v1/projects/group%2Fproject/issues"]);

      const refused = await forward(deps, strict.id, strictKey.requester, { path: "projects/group%2Fproject/issues" }).then(
        () => null,
        (e: unknown) => e,
      );
      expect((refused as ApiError).code).toBe("bad_path");
      for (const [path, what] of [...ESCAPES, ...ENCODED_SLASH_ESCAPES]) {
        const error = await forward(deps, allowing.id, allowingKey.requester, { path }).then(
          () => null,
          (e: unknown) => e,
        );
        expect((error as ApiError | null)?.code, what).toBe("bad_path");
      }
      expect(upstream.requests).toHaveLength(1);
    } finally {
      await deps.pool.close();
    }
  });
});
