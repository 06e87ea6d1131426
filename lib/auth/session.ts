import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { getDb } from "../db";
import { DomainError, ADMIN_REQUIRED, SIGN_IN_REQUIRED } from "../errors";
import type { Actor } from "../events";
import type { Role } from "../users/schema";
import { findActiveUser, type SessionUser } from "../users/service";
import { auth } from "./next-auth";

export interface CurrentSession {
  user: SessionUser;
  sessionId: string;
  actor: Actor;
}

/**
 * The signed-in, still-active user, or null. Reads the role from the database once per request:
 * React's `cache` shares one lookup between the console layout, the page and anything else a
 * render asks (outside a render, e.g. in a route handler, every call looks up afresh).
 */
export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const user = await findActiveUser(getDb(), userId);
  if (!user) return null;
  return { user, sessionId: session.sessionId, actor: { userId: user.id, label: user.email } };
});

export function hasRole(user: SessionUser, role: Role): boolean {
  return role === "viewer" || user.role === "admin";
}

/** For actions and route handlers: throws DomainError instead of redirecting. */
export async function requireSession(role: Role): Promise<CurrentSession> {
  const current = await getCurrentSession();
  if (!current) throw new DomainError("UNAUTHENTICATED", SIGN_IN_REQUIRED);
  if (!hasRole(current.user, role)) throw new DomainError("FORBIDDEN", ADMIN_REQUIRED);
  return current;
}

/** For pages: sends anonymous visitors to sign-in and viewers away from admin-only pages. */
export async function requirePageSession(role: Role = "viewer"): Promise<CurrentSession> {
  const current = await getCurrentSession();
  if (!current) redirect("/sign-in");
  if (!hasRole(current.user, role)) redirect("/forbidden");
  return current;
}
