/**
 * Who single sign-on admits: a pure decision over the ID token's claims and what Latchkey knows
 * about the user, so it can be tested without a browser or a provider.
 *
 * Matching by email alone lets anyone who can get an account with that email at the provider
 * become the user: providers that let people pick or change their email without proving it,
 * multi-tenant providers, or a recreated account. So the email must be verified when the
 * provider says anything about it, and the first SSO sign-in binds the user to the provider's
 * identity (`iss` + `sub`, OIDC Core §2: `sub` is unique only within its issuer), which every
 * later SSO sign-in must present again.
 */

/** Why a sign-in was refused: stable codes for the audit trail and the sign-in page. */
export type SsoRefusal =
  /** The ID token has no `sub` or no `email`. */
  | "missing_claims"
  /** The provider says it has not verified the email. */
  | "email_unverified"
  /** No active user with this email: only users an admin has added may sign in. */
  | "not_invited"
  /** The user is bound to another identity at the provider (or to another provider). */
  | "identity_mismatch"
  /** This identity is already bound to another user (its email changed at the provider). */
  | "identity_in_use";

export interface SsoIdentity {
  issuer: string;
  subject: string;
  email: string;
}

export type SsoClaimsCheck = { ok: true; identity: SsoIdentity } | { ok: false; reason: SsoRefusal };

/**
 * Reads the claims SSO relies on. `iss` falls back to the configured issuer (the ID token's was
 * already checked against it by the OIDC client).
 */
export function checkSsoClaims(claims: Record<string, unknown>, configuredIssuer: string): SsoClaimsCheck {
  const subject = typeof claims.sub === "string" ? claims.sub : "";
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  if (!subject || !email) return { ok: false, reason: "missing_claims" };
  // Absent: accepted. Many providers (Microsoft Entra ID among them) do not send
  // email_verified; they vouch for the addresses of their own directory, and the operator chose
  // the provider. Present: it must say true. Some providers send it as a string.
  if ("email_verified" in claims && claims.email_verified !== true && claims.email_verified !== "true") {
    return { ok: false, reason: "email_unverified" };
  }
  const issuer = typeof claims.iss === "string" && claims.iss ? claims.iss : configuredIssuer;
  return { ok: true, identity: { issuer, subject, email } };
}

export interface SsoCandidate {
  id: string;
  disabled: boolean;
  ssoIssuer: string | null;
  ssoSubject: string | null;
}

export type SsoDecision =
  | { outcome: "admit"; userId: string }
  /** First SSO sign-in of this user: bind the identity, then admit. */
  | { outcome: "bind"; userId: string }
  | { outcome: "refuse"; reason: SsoRefusal };

/**
 * `user`: the user with the token's email, if any. `boundUserId`: the user this identity is
 * already bound to, if any.
 */
export function decideSsoSignIn(identity: SsoIdentity, user: SsoCandidate | null, boundUserId: string | null): SsoDecision {
  if (!user || user.disabled) return { outcome: "refuse", reason: "not_invited" };
  if (boundUserId !== null && boundUserId !== user.id) return { outcome: "refuse", reason: "identity_in_use" };
  if (user.ssoSubject === null) return { outcome: "bind", userId: user.id };
  if (user.ssoIssuer === identity.issuer && user.ssoSubject === identity.subject) return { outcome: "admit", userId: user.id };
  return { outcome: "refuse", reason: "identity_mismatch" };
}
