/**
 * Auth.js (next-auth v5): email + password, and optional OIDC single sign-on for users an admin
 * has already added. Sessions are signed JWT cookies (SameSite=Lax, SECURITY 19) that carry
 * only the user id and a random session id; the role is read from the database on every
 * request (lib/auth/session.ts), so a role change or removal applies at once.
 */
import { randomUUID } from "node:crypto";
import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getConfig } from "../env";
import { getDb } from "../db";
import { authenticateWithPassword, findActiveUserByEmail } from "../users/service";
import { signInSchema } from "../users/schema";
import { clearSignInFailures, isSignInLocked, recordSignInFailure } from "./sign-in-throttle";

export const SSO_PROVIDER_ID = "sso";
const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

function buildConfig(): NextAuthConfig {
  const config = getConfig();
  const secure = config.publicUrl.startsWith("https:");
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        if (isSignInLocked(email)) return null;
        const user = await authenticateWithPassword(getDb(), email, password);
        if (!user) {
          recordSignInFailure(email);
          return null;
        }
        clearSignInFailures(email);
        return { id: user.id, email: user.email, name: user.name };
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
      async signIn({ user, account }) {
        if (account?.provider !== SSO_PROVIDER_ID) return true;
        // Single sign-on admits only people an admin has added (matched by email).
        const known = user.email ? await findActiveUserByEmail(getDb(), user.email) : null;
        if (!known) return "/sign-in?error=NotInvited";
        user.id = known.id;
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
