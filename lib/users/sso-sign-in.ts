/**
 * Admits or refuses a single sign-on (lib/users/sso-decision.ts decides), binds the user to the
 * provider identity at the first SSO sign-in, and records bindings and refusals in the audit
 * trail. Takes the database explicitly so tests run it on SQLite and PostgreSQL.
 */
import type { Db } from "../db";
import { recordEvent } from "../events";
import { checkSsoClaims, decideSsoSignIn, type SsoIdentity, type SsoRefusal } from "./sso-decision";
import { findActiveUser, type SessionUser } from "./service";

export type { SsoRefusal } from "./sso-decision";
export type SsoSignInResult = { ok: true; user: SessionUser } | { ok: false; reason: SsoRefusal };

/** `claims`: the ID token's claims, as the OIDC client validated them. */
export async function admitSsoSignIn(db: Db, claims: Record<string, unknown>, options: { issuer: string }): Promise<SsoSignInResult> {
  const checked = checkSsoClaims(claims, options.issuer);
  if (!checked.ok) return refuse(db, checked.reason, claims, options.issuer);
  const { identity } = checked;

  // Two rounds at most: a lost race to bind is decided again on what the winner stored.
  for (let round = 0; round < 2; round++) {
    const user = await db.user.findUnique({ where: { email: identity.email } });
    const bound = await db.user.findUnique({
      where: { ssoIssuer_ssoSubject: { ssoIssuer: identity.issuer, ssoSubject: identity.subject } },
      select: { id: true },
    });
    const candidate = user && { id: user.id, disabled: user.disabledAt !== null, ssoIssuer: user.ssoIssuer, ssoSubject: user.ssoSubject };
    const decision = decideSsoSignIn(identity, candidate, bound?.id ?? null);
    if (decision.outcome === "refuse") return refuse(db, decision.reason, claims, identity.issuer);
    if (decision.outcome === "bind") {
      const outcome = await bind(db, decision.userId, identity);
      if (outcome === "lost_race") continue;
      if (outcome === "identity_in_use") return refuse(db, "identity_in_use", claims, identity.issuer);
    }
    const admitted = await findActiveUser(db, decision.userId);
    if (admitted) return { ok: true, user: admitted };
    return refuse(db, "not_invited", claims, identity.issuer);
  }
  return refuse(db, "identity_mismatch", claims, identity.issuer);
}

/** Binds only while the user is still unbound, so two first sign-ins cannot both bind. */
async function bind(db: Db, userId: string, identity: SsoIdentity): Promise<"bound" | "lost_race" | "identity_in_use"> {
  try {
    const { count } = await db.user.updateMany({
      where: { id: userId, ssoSubject: null, disabledAt: null },
      data: { ssoIssuer: identity.issuer, ssoSubject: identity.subject },
    });
    if (count === 0) return "lost_race";
  } catch (error) {
    // The unique (ssoIssuer, ssoSubject) index: another user took this identity meanwhile.
    if ((error as { code?: unknown }).code === "P2002") return "identity_in_use";
    throw error;
  }
  await recordEvent(
    db,
    { userId, label: identity.email },
    {
      type: "user.sso_bound",
      detail: { email: identity.email, issuer: identity.issuer, subject: identity.subject },
    },
  );
  return "bound";
}

async function refuse(db: Db, reason: SsoRefusal, claims: Record<string, unknown>, issuer: string): Promise<SsoSignInResult> {
  // Only identifiers, never the token or other claims. The actor is not the user: it may be
  // someone else's account at the provider.
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase().slice(0, 254) : null;
  const subject = typeof claims.sub === "string" ? claims.sub.slice(0, 255) : null;
  await recordEvent(
    db,
    { userId: null, label: email ? `sso:${email}` : "sso" },
    {
      type: "user.sso_refused",
      outcome: "failure",
      errorCode: reason,
      detail: { email, issuer, subject },
    },
  );
  return { ok: false, reason };
}
