/**
 * Users: the first admin, invitations, roles. Every function takes the database explicitly so
 * integration tests run it against SQLite and PostgreSQL alike.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db";
import { DomainError } from "../errors";
import { recordEvent, type Actor } from "../events";
import { newId } from "../ids";
import { hashPassword, verifyPassword } from "./password";
import type { Role } from "./schema";

const INVITATION_TTL_MS = 72 * 60 * 60 * 1000;
/** A unique Setting row that only the first admin's creation can insert: two racing set-up forms cannot both win. */
const FIRST_ADMIN_MARKER = "first-admin-created";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

function toSessionUser(user: { id: string; email: string; name: string | null; role: string }): SessionUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role === "admin" ? "admin" : "viewer" };
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function hasAnyUser(db: Db): Promise<boolean> {
  return (await db.user.count()) > 0;
}

/** The active user behind a session, read fresh so role changes and removals apply at once. */
export async function findActiveUser(db: Db, userId: string): Promise<SessionUser | null> {
  const user = await db.user.findUnique({ where: { id: userId } });
  return user && !user.disabledAt ? toSessionUser(user) : null;
}

export async function findActiveUserByEmail(db: Db, email: string): Promise<SessionUser | null> {
  const user = await db.user.findUnique({ where: { email: email.toLowerCase() } });
  return user && !user.disabledAt ? toSessionUser(user) : null;
}

export async function authenticateWithPassword(db: Db, email: string, password: string): Promise<SessionUser | null> {
  const user = await db.user.findUnique({ where: { email: email.toLowerCase() } });
  const valid = await verifyPassword(user?.passwordHash, password);
  return valid && user && !user.disabledAt ? toSessionUser(user) : null;
}

/** Creates the first admin, once. Refused as soon as any user exists. */
export async function createFirstAdmin(db: Db, input: { email: string; password: string; name?: string | null }): Promise<SessionUser> {
  if (await hasAnyUser(db)) throw new DomainError("CONFLICT", "An admin already exists. Sign in instead.");
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.$transaction(async (tx) => {
      await tx.setting.create({ data: { key: FIRST_ADMIN_MARKER, value: new Date().toISOString() } });
      return tx.user.create({
        data: { id: newId(), email: input.email.toLowerCase(), name: input.name || null, role: "admin", passwordHash },
      });
    });
    await recordEvent(db, { userId: user.id, label: user.email }, { type: "user.first_admin_created", detail: { email: user.email } });
    return toSessionUser(user);
  } catch (error) {
    if (await hasAnyUser(db)) throw new DomainError("CONFLICT", "An admin already exists. Sign in instead.");
    throw error;
  }
}

/** LATCHKEY_ADMIN_EMAIL / LATCHKEY_ADMIN_PASSWORD: create that admin when the database has no user. */
export async function ensureBootstrapAdmin(db: Db, admin: { email: string; password: string } | null): Promise<"created" | "skipped"> {
  if (!admin || (await hasAnyUser(db))) return "skipped";
  try {
    await createFirstAdmin(db, admin);
    return "created";
  } catch (error) {
    if (error instanceof DomainError && error.code === "CONFLICT") return "skipped";
    throw error;
  }
}

export interface Invitation {
  userId: string;
  /** Shown once to the inviting admin; only its hash is stored. */
  token: string;
  expiresAt: Date;
}

export async function inviteUser(db: Db, actor: Actor, input: { email: string; role: Role }): Promise<Invitation> {
  const email = input.email.toLowerCase();
  const existing = await db.user.findUnique({ where: { email } });
  // A user who never set a password can be invited again (the older link stops working).
  if (existing?.passwordHash) throw new DomainError("CONFLICT", "A user with this email already exists.", "email");
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  const userId = existing?.id ?? newId();
  await db.$transaction(async (tx) => {
    if (existing) {
      // Inviting again also releases the single sign-on binding: the admin's way to let a user
      // whose account at the provider was recreated (a new `sub`) sign in with it again.
      await tx.user.update({ where: { id: userId }, data: { role: input.role, disabledAt: null, ssoIssuer: null, ssoSubject: null } });
      await tx.invitation.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } });
    } else {
      await tx.user.create({ data: { id: userId, email, role: input.role } });
    }
    await tx.invitation.create({
      data: { id: newId(), tokenHash: hashToken(token), userId, createdById: actor.userId, expiresAt },
    });
  });
  await recordEvent(db, actor, { type: "user.invited", detail: { email, role: input.role } });
  return { userId, token, expiresAt };
}

export async function findOpenInvitation(db: Db, token: string): Promise<{ email: string } | null> {
  const invitation = await db.invitation.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!invitation || invitation.usedAt || invitation.expiresAt <= new Date() || invitation.user.disabledAt) return null;
  return { email: invitation.user.email };
}

/** Sets the invited user's password; the link works once. */
export async function acceptInvitation(db: Db, token: string, password: string): Promise<SessionUser> {
  const passwordHash = await hashPassword(password);
  const now = new Date();
  const user = await db.$transaction(async (tx) => {
    // Claim the invitation with a conditional update so two submissions cannot both use it.
    const claimed = await tx.invitation.updateMany({
      where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) throw new DomainError("INVALID_STATE", "This invitation link is invalid, used or expired. Ask an admin for a new one.");
    const invitation = await tx.invitation.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    return tx.user.update({ where: { id: invitation.userId }, data: { passwordHash } });
  });
  await recordEvent(db, { userId: user.id, label: user.email }, { type: "user.invitation_accepted" });
  return toSessionUser(user);
}

async function assertAnotherAdminRemains(db: Db, userId: string): Promise<void> {
  const otherAdmins = await db.user.count({ where: { role: "admin", disabledAt: null, id: { not: userId } } });
  if (otherAdmins === 0) throw new DomainError("INVALID_STATE", "Keep at least one admin: promote someone else first.");
}

export async function changeRole(db: Db, actor: Actor, userId: string, role: Role): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw new DomainError("NOT_FOUND", "No such user.");
  if (user.role === role) return;
  if (role !== "admin") await assertAnotherAdminRemains(db, userId);
  await db.user.update({ where: { id: userId }, data: { role } });
  await recordEvent(db, actor, { type: "user.role_changed", detail: { email: user.email, from: user.role, to: role } });
}

export async function setUserDisabled(db: Db, actor: Actor, userId: string, disabled: boolean): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw new DomainError("NOT_FOUND", "No such user.");
  if (disabled && user.id === actor.userId) throw new DomainError("INVALID_STATE", "You cannot remove your own access.");
  if (disabled && user.role === "admin") await assertAnotherAdminRemains(db, userId);
  await db.user.update({ where: { id: userId }, data: { disabledAt: disabled ? new Date() : null } });
  await recordEvent(db, actor, { type: disabled ? "user.disabled" : "user.enabled", detail: { email: user.email } });
}

export interface UserRow {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  status: "active" | "invited" | "disabled";
  createdAt: Date;
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  const users = await db.user.findMany({ orderBy: { email: "asc" } });
  return users.map((u) => ({
    ...toSessionUser(u),
    createdAt: u.createdAt,
    status: u.disabledAt ? "disabled" : u.passwordHash ? "active" : "invited",
  }));
}
