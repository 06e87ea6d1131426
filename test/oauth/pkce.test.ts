import { createHash } from "node:crypto";
import { calculatePKCECodeChallenge } from "oauth4webapi";
import { describe, expect, it } from "vitest";
import { createPkce, createState, pkceChallenge } from "@/lib/oauth";

describe("createPkce (RFC 7636 §4.1–4.2)", () => {
  it("makes a 43+ character unreserved verifier and its S256 challenge", async () => {
    const { verifier, challenge } = createPkce();
    expect(verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
    expect(challenge).toBe(createHash("sha256").update(verifier).digest("base64url"));
    expect(challenge).toBe(await calculatePKCECodeChallenge(verifier));
  });

  it("matches the RFC 7636 Appendix B example", () => {
    expect(pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  });

  it("never repeats", () => {
    const verifiers = new Set(Array.from({ length: 50 }, () => createPkce().verifier));
    expect(verifiers.size).toBe(50);
  });

  it("refuses a verifier outside the RFC grammar", () => {
    expect(() => pkceChallenge("too-short")).toThrow(TypeError);
    expect(() => pkceChallenge(`${"a".repeat(42)} `)).toThrow(TypeError);
  });
});

describe("createState", () => {
  it("is base64url with at least 128 random bits, and unique", () => {
    const state = createState();
    expect(state).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(state, "base64url").length * 8).toBeGreaterThanOrEqual(128);
    expect(new Set(Array.from({ length: 50 }, createState)).size).toBe(50);
  });
});
