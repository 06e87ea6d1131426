/** SECURITY 45: the page policy, built from a nonce; HSTS only over https. */
import { describe, expect, it } from "vitest";
import { STRICT_TRANSPORT_SECURITY, contentSecurityPolicy, createNonce, pageSecurityHeaders } from "@/lib/http/csp";

const NONCE = "bm9uY2Utb2YtdGhlLXRlc3Q=";

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split("; ")
      .map((d) => d.split(" "))
      .map(([name, ...values]) => [name!, values]),
  );
}

describe("contentSecurityPolicy", () => {
  it("allows only scripts carrying the nonce, and what they load", () => {
    const policy = directives(contentSecurityPolicy({ nonce: NONCE, dev: false, https: false }));
    expect(policy.get("script-src")).toEqual(["'self'", `'nonce-${NONCE}'`, "'strict-dynamic'"]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("img-src")).toEqual(["'self'", "data:"]);
    expect(policy.get("connect-src")).toEqual(["'self'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  });

  it("never allows inline script; eval only under next dev", () => {
    for (const dev of [false, true]) {
      const scriptSrc = directives(contentSecurityPolicy({ nonce: NONCE, dev, https: true })).get("script-src")!;
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      expect(scriptSrc.includes("'unsafe-eval'")).toBe(dev);
    }
  });

  it("keeps inline styles without a style nonce, which would switch 'unsafe-inline' off", () => {
    const styleSrc = directives(contentSecurityPolicy({ nonce: NONCE, dev: false, https: false })).get("style-src")!;
    expect(styleSrc).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("upgrades insecure requests only over https", () => {
    expect(directives(contentSecurityPolicy({ nonce: NONCE, dev: false, https: true })).has("upgrade-insecure-requests")).toBe(true);
    expect(directives(contentSecurityPolicy({ nonce: NONCE, dev: false, https: false })).has("upgrade-insecure-requests")).toBe(false);
  });

  it("refuses a nonce that could break out of the policy", () => {
    for (const nonce of ["", "abc'; script-src *", "a b", "abc;"]) {
      expect(() => contentSecurityPolicy({ nonce, dev: false, https: false })).toThrow(/nonce/);
    }
  });
});

describe("pageSecurityHeaders", () => {
  it("sends HSTS over https only", () => {
    expect(pageSecurityHeaders({ nonce: NONCE, dev: false, https: true })).toEqual({
      "Content-Security-Policy": contentSecurityPolicy({ nonce: NONCE, dev: false, https: true }),
      "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    });
    expect(STRICT_TRANSPORT_SECURITY).toBe("max-age=63072000; includeSubDomains");
    expect(pageSecurityHeaders({ nonce: NONCE, dev: false, https: false })).toEqual({
      "Content-Security-Policy": contentSecurityPolicy({ nonce: NONCE, dev: false, https: false }),
    });
  });
});

describe("createNonce", () => {
  it("makes 128-bit base64 nonces, a new one each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    }
  });
});
