import { describe, expect, it } from "vitest";
import { checkSsoClaims, decideSsoSignIn } from "@/lib/users/sso-decision";

const ISSUER = "https://idp.example.com";
const identity = { issuer: ISSUER, subject: "s1", email: "a@example.com" };
const unbound = { id: "u1", disabled: false, ssoIssuer: null, ssoSubject: null };

describe("checkSsoClaims", () => {
  it('accepts email_verified true or "true", or no email_verified at all', () => {
    for (const extra of [{ email_verified: true }, { email_verified: "true" }, {}]) {
      expect(checkSsoClaims({ sub: "s1", email: " A@Example.com ", ...extra }, ISSUER)).toEqual({ ok: true, identity });
    }
  });

  it("refuses any other email_verified value the provider sends", () => {
    for (const value of [false, "false", null, 0, 1, "yes", undefined]) {
      expect(checkSsoClaims({ sub: "s1", email: "a@example.com", email_verified: value }, ISSUER)).toEqual({ ok: false, reason: "email_unverified" });
    }
  });

  it("needs a sub and an email, and takes iss from the token when present", () => {
    expect(checkSsoClaims({ email: "a@example.com" }, ISSUER)).toEqual({ ok: false, reason: "missing_claims" });
    expect(checkSsoClaims({ sub: "s1", email: 42 }, ISSUER)).toEqual({ ok: false, reason: "missing_claims" });
    expect(checkSsoClaims({ iss: "https://tenant.example.com", sub: "s1", email: "a@example.com" }, ISSUER)).toMatchObject({
      identity: { issuer: "https://tenant.example.com" },
    });
  });
});

describe("decideSsoSignIn", () => {
  it("binds an unbound user, admits the bound identity, refuses any other", () => {
    expect(decideSsoSignIn(identity, unbound, null)).toEqual({ outcome: "bind", userId: "u1" });
    const bound = { ...unbound, ssoIssuer: ISSUER, ssoSubject: "s1" };
    expect(decideSsoSignIn(identity, bound, "u1")).toEqual({ outcome: "admit", userId: "u1" });
    expect(decideSsoSignIn({ ...identity, subject: "s2" }, bound, null)).toEqual({ outcome: "refuse", reason: "identity_mismatch" });
    expect(decideSsoSignIn({ ...identity, issuer: "https://other.example.com" }, bound, null)).toEqual({ outcome: "refuse", reason: "identity_mismatch" });
  });

  it("refuses unknown or disabled users, and identities bound to someone else", () => {
    expect(decideSsoSignIn(identity, null, null)).toEqual({ outcome: "refuse", reason: "not_invited" });
    expect(decideSsoSignIn(identity, { ...unbound, disabled: true }, null)).toEqual({ outcome: "refuse", reason: "not_invited" });
    expect(decideSsoSignIn(identity, unbound, "u2")).toEqual({ outcome: "refuse", reason: "identity_in_use" });
  });
});
