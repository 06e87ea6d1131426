/**
 * Who single sign-on admits, on both databases: only users an admin has added, only with an
 * email the provider has verified (or does not comment on), and, after the first sign-in, only
 * the provider identity (iss + sub) that first signed in for that user.
 */
import { expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { createFirstAdmin, inviteUser, setUserDisabled } from "@/lib/users/service";
import { admitSsoSignIn } from "@/lib/users/sso-sign-in";

const ISSUER = "https://idp.example.com";
const OTHER_ISSUER = "https://other-idp.example.com";
const options = { issuer: ISSUER };

function claims(sub: string, email: string, extra: Record<string, unknown> = {}) {
  return { iss: ISSUER, sub, email, email_verified: true, ...extra };
}

describeEachDatabase("single sign-on admission", (ctx) => {
  let actor: { userId: string; label: string };

  it("admits an added user and binds the provider identity at the first sign-in", async () => {
    const { db } = ctx();
    const admin = await createFirstAdmin(db, { email: "root@example.com", password: "correct horse battery" });
    actor = { userId: admin.id, label: admin.email };
    await inviteUser(db, actor, { email: "alice@example.com", role: "viewer" });

    const result = await admitSsoSignIn(db, claims("alice-sub", "Alice@Example.com"), options);
    expect(result).toMatchObject({ ok: true, user: { email: "alice@example.com", role: "viewer" } });
    const alice = await db.user.findUniqueOrThrow({ where: { email: "alice@example.com" } });
    expect({ ssoIssuer: alice.ssoIssuer, ssoSubject: alice.ssoSubject }).toEqual({ ssoIssuer: ISSUER, ssoSubject: "alice-sub" });
    const bound = await db.event.findFirstOrThrow({ where: { type: "user.sso_bound" } });
    expect(JSON.parse(bound.detail)).toMatchObject({ email: "alice@example.com", issuer: ISSUER });

    // The same identity keeps working.
    expect(await admitSsoSignIn(db, claims("alice-sub", "alice@example.com"), options)).toMatchObject({ ok: true });
  });

  it("refuses another provider account with the same email (another sub), and records why", async () => {
    const { db } = ctx();
    const result = await admitSsoSignIn(db, claims("impostor-sub", "alice@example.com"), options);
    expect(result).toEqual({ ok: false, reason: "identity_mismatch" });
    const alice = await db.user.findUniqueOrThrow({ where: { email: "alice@example.com" } });
    expect(alice.ssoSubject).toBe("alice-sub");
    const refused = await db.event.findFirstOrThrow({ where: { type: "user.sso_refused" }, orderBy: { createdAt: "desc" } });
    expect(refused).toMatchObject({ outcome: "failure", errorCode: "identity_mismatch", actorId: null });
    expect(JSON.parse(refused.detail)).toMatchObject({ email: "alice@example.com", issuer: ISSUER, subject: "impostor-sub" });
  });

  it("refuses the same sub from another issuer: a sub is unique only within its issuer", async () => {
    const { db } = ctx();
    const result = await admitSsoSignIn(db, { ...claims("alice-sub", "alice@example.com"), iss: OTHER_ISSUER }, { issuer: OTHER_ISSUER });
    expect(result).toEqual({ ok: false, reason: "identity_mismatch" });
  });

  it("refuses an email the provider says it has not verified, before looking for the user", async () => {
    const { db } = ctx();
    await inviteUser(db, actor, { email: "bob@example.com", role: "viewer" });
    for (const unverified of [false, "false"]) {
      const result = await admitSsoSignIn(db, claims("bob-sub", "bob@example.com", { email_verified: unverified }), options);
      expect(result).toEqual({ ok: false, reason: "email_unverified" });
    }
    const bob = await db.user.findUniqueOrThrow({ where: { email: "bob@example.com" } });
    expect(bob.ssoSubject).toBeNull();
    expect(await db.event.count({ where: { type: "user.sso_refused", errorCode: "email_unverified" } })).toBe(2);
  });

  it("accepts a provider that does not send email_verified at all (and binds)", async () => {
    const { db } = ctx();
    const withoutVerified: Record<string, unknown> = claims("bob-sub", "bob@example.com");
    delete withoutVerified.email_verified;
    expect(await admitSsoSignIn(db, withoutVerified, options)).toMatchObject({ ok: true, user: { email: "bob@example.com" } });
    expect((await db.user.findUniqueOrThrow({ where: { email: "bob@example.com" } })).ssoSubject).toBe("bob-sub");
  });

  it("refuses an identity already bound to another user (its email changed at the provider)", async () => {
    const { db } = ctx();
    await inviteUser(db, actor, { email: "carol@example.com", role: "viewer" });
    // alice's provider account now says carol's address: it must not become carol.
    const result = await admitSsoSignIn(db, claims("alice-sub", "carol@example.com"), options);
    expect(result).toEqual({ ok: false, reason: "identity_in_use" });
    expect((await db.user.findUniqueOrThrow({ where: { email: "carol@example.com" } })).ssoSubject).toBeNull();
  });

  it("refuses emails no admin has added, disabled users, and ID tokens without sub or email", async () => {
    const { db } = ctx();
    expect(await admitSsoSignIn(db, claims("mallory-sub", "mallory@example.com"), options)).toEqual({ ok: false, reason: "not_invited" });
    const dave = await inviteUser(db, actor, { email: "dave@example.com", role: "viewer" });
    await setUserDisabled(db, actor, dave.userId, true);
    expect(await admitSsoSignIn(db, claims("dave-sub", "dave@example.com"), options)).toEqual({ ok: false, reason: "not_invited" });
    expect((await db.user.findUniqueOrThrow({ where: { id: dave.userId } })).ssoSubject).toBeNull();
    expect(await admitSsoSignIn(db, { iss: ISSUER, email: "carol@example.com", email_verified: true }, options)).toEqual({
      ok: false,
      reason: "missing_claims",
    });
    expect(await admitSsoSignIn(db, { iss: ISSUER, sub: "carol-sub", email_verified: true }, options)).toEqual({ ok: false, reason: "missing_claims" });
  });

  it("two first sign-ins racing with different subs: exactly one binds", async () => {
    const { db } = ctx();
    await inviteUser(db, actor, { email: "erin@example.com", role: "viewer" });
    const results = await Promise.all(["erin-a", "erin-b", "erin-c", "erin-d"].map((sub) => admitSsoSignIn(db, claims(sub, "erin@example.com"), options)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const erin = await db.user.findUniqueOrThrow({ where: { email: "erin@example.com" } });
    const winner = ["erin-a", "erin-b", "erin-c", "erin-d"][results.findIndex((r) => r.ok)];
    expect(erin.ssoSubject).toBe(winner);
  });

  it("an admin re-inviting a user releases the binding, so a new provider account can bind", async () => {
    const { db } = ctx();
    await inviteUser(db, actor, { email: "alice@example.com", role: "viewer" });
    expect((await db.user.findUniqueOrThrow({ where: { email: "alice@example.com" } })).ssoSubject).toBeNull();
    expect(await admitSsoSignIn(db, claims("alice-new-sub", "alice@example.com"), options)).toMatchObject({ ok: true });
    expect(await admitSsoSignIn(db, claims("alice-sub", "alice@example.com"), options)).toEqual({ ok: false, reason: "identity_mismatch" });
  });

  it("events carry no tokens or claims beyond email, issuer and subject", async () => {
    const { db } = ctx();
    await admitSsoSignIn(db, claims("x-sub", "mallory@example.com", { nonce: "nonce-secret-value", at_hash: "hash-secret-value" }), options);
    const events = await db.event.findMany({ where: { type: { startsWith: "user.sso_" } } });
    expect(events.length).toBeGreaterThan(0);
    expect(JSON.stringify(events)).not.toMatch(/secret-value/);
  });
});
