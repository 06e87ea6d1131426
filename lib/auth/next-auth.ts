/**
 * Auth.js (next-auth v5): email + password, and optional OIDC single sign-on for users an admin
 * has already added. Sessions are signed JWT cookies (SameSite=Lax, SECURITY 19) that carry
 * only the user id and a random session id; the role is read from the database on every
 * request (lib/auth/session.ts), so a role change or removal applies at once.
 */
import { randomUUID } from "node:crypto";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getConfig } from "../env";
import { getDb } from "../db";
import { admitSsoSignIn, type SsoRefusal } from "../users/sso-sign-in";
import { signInSchema } from "../users/schema";
import { clientAddressOf } from "./client-address";
import { attemptPasswordSignIn } from "./password-sign-in";

export const SSO_PROVIDER_ID = "sso";
/** The `error` parameter of /sign-in for each SSO refusal (app/(auth)/sign-in/page.tsx words them). */
const SSO_REFUSAL_PAGE_ERRORS: Record<SsoRefusal, string> = {
  not_invited: "NotInvited",
  email_unverified: "SsoEmailUnverified",
  identity_mismatch: "SsoIdentityMismatch",
  identity_in_use: "SsoIdentityMismatch",
  missing_claims: "SsoMissingClaims",
};
const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** The password was not checked: too many recent failures (lib/auth/sign-in-throttle.ts). */
export class SignInThrottled extends CredentialsSignin {
  override code = "throttled";
}

function buildConfig(): NextAuthConfig {
  const config = getConfig();
  const secure = config.publicUrl.startsWith("https:");
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const clientAddress = clientAddressOf(request.headers, config.trustedProxyHops);
        const result = await attemptPasswordSignIn(getDb(), { ...parsed.data, clientAddress });
        if (result.ok) return { id: result.user.id, email: result.user.email, name: result.user.name };
        if (result.reason === "throttled") throw new SignInThrottled();
        return null;
      },
    }),
  ];
  if (config.oidc) {
    providers.push({
      id: SSO_PROVIDER_ID,
      name: config.oidc.name,
      type: "oidc",
      issuer: config.oidc.issuer,
      clientId: config.oidc.clientId,
      clientSecret: config.oidc.clientSecret,
      checks: ["pkce", "state", "nonce"],
    });
  }
  return {
    secret: config.authSecret,
    trustHost: true,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    cookies: {
      sessionToken: {
        name: secure ? "__Secure-latchkey.session" : "latchkey.session",
        options: { httpOnly: true, sameSite: "lax", path: "/", secure },
      },
    },
    providers,
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== SSO_PROVIDER_ID) return true;
        if (!config.oidc) return false; // the SSO provider exists only when configured
        // Single sign-on admits only people an admin has added (matched by a verified email),
        // and after their first SSO sign-in only the provider identity they used then.
        const admitted = await admitSsoSignIn(getDb(), { ...profile }, { issuer: config.oidc.issuer });
        if (!admitted.ok) return `/sign-in?error=${SSO_REFUSAL_PAGE_ERRORS[admitted.reason]}`;
        user.id = admitted.user.id;
        return true;
      },
      async jwt({ token, user }) {
        if (user?.id) {
          token.sub = user.id;
          token.sid = randomUUID();
        }
        return token;
      },
      async session({ session, token }) {
        session.user.id = token.sub ?? "";
        session.sessionId = typeof token.sid === "string" ? token.sid : "";
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => buildConfig());

declare module "next-auth" {
  interface Session {
    /** Random per sign-in; binds pending OAuth authorizations to this browser session. */
    sessionId: string;
  }
}
