import { expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import {
  acceptInvitation,
  authenticateWithPassword,
  changeRole,
  createFirstAdmin,
  ensureBootstrapAdmin,
  findOpenInvitation,
  inviteUser,
} from "@/lib/users/service";

describeEachDatabase("users", (ctx) => {
  it("creates the first admin once and refuses a second", async () => {
    const { db } = ctx();
    const admin = await createFirstAdmin(db, { email: "Root@Example.com", password: "correct horse battery" });
    expect(admin).toMatchObject({ email: "root@example.com", role: "admin" });
    await expect(createFirstAdmin(db, { email: "other@example.com", password: "correct horse battery" })).rejects.toThrow(/already exists/);
    expect(await ensureBootstrapAdmin(db, { email: "boot@example.com", password: "correct horse battery" })).toBe("skipped");
    const stored = await db.user.findUniqueOrThrow({ where: { email: "root@example.com" } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("authenticates only with the right password", async () => {
    const { db } = ctx();
    expect(await authenticateWithPassword(db, "root@example.com", "correct horse battery")).toMatchObject({ role: "admin" });
    expect(await authenticateWithPassword(db, "root@example.com", "wrong password!!")).toBeNull();
    expect(await authenticateWithPassword(db, "nobody@example.com", "correct horse battery")).toBeNull();
  });

  it("invitations work once and store only a hash", async () => {
    const { db } = ctx();
    const admin = await db.user.findUniqueOrThrow({ where: { email: "root@example.com" } });
    const actor = { userId: admin.id, label: admin.email };
    const invitation = await inviteUser(db, actor, { email: "viewer@example.com", role: "viewer" });
    expect(await findOpenInvitation(db, invitation.token)).toEqual({ email: "viewer@example.com" });
    const rows = await db.invitation.findMany();
    expect(JSON.stringify(rows)).not.toContain(invitation.token);
    await acceptInvitation(db, invitation.token, "viewer password 1");
    await expect(acceptInvitation(db, invitation.token, "viewer password 2")).rejects.toThrow(/invalid, used or expired/);
    expect(await authenticateWithPassword(db, "viewer@example.com", "viewer password 1")).toMatchObject({ role: "viewer" });
  });

  it("keeps at least one admin", async () => {
    const { db } = ctx();
    const admin = await db.user.findUniqueOrThrow({ where: { email: "root@example.com" } });
    const actor = { userId: admin.id, label: admin.email };
    await expect(changeRole(db, actor, admin.id, "viewer")).rejects.toThrow(/at least one admin/);
    const viewer = await db.user.findUniqueOrThrow({ where: { email: "viewer@example.com" } });
    await changeRole(db, actor, viewer.id, "admin");
    await changeRole(db, actor, admin.id, "viewer");
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("viewer");
    expect(await db.event.count({ where: { type: "user.role_changed" } })).toBe(2);
  });
});
