"use server";
/**
 * User administration: invitations, roles, disabling. Beside the session wrapper rather than in
 * lib/users, because sessions are built on lib/users (session.ts reads the user each request):
 * an action here sits above both, so lib/users never imports lib/auth.
 */
import { revalidatePath } from "next/cache";
import { getConfig } from "../env";
import { getDb } from "../db";
import { changeRole, inviteUser, setUserDisabled } from "../users/service";
import { changeRoleSchema, inviteUserSchema, userIdSchema } from "../users/schema";
import { sessionAction } from "./action";

const USERS_PATH = "/settings/users";

/** Returns the one-time invitation link for the admin to pass on; only its hash is stored. */
export const inviteUserAction = sessionAction("admin", inviteUserSchema, async (input, { actor }) => {
  const invitation = await inviteUser(getDb(), actor, input);
  revalidatePath(USERS_PATH);
  return { link: `${getConfig().publicUrl}/invite/${invitation.token}`, expiresAt: invitation.expiresAt.toISOString() };
});

export const changeRoleAction = sessionAction("admin", changeRoleSchema, async ({ userId, role }, { actor }) => {
  await changeRole(getDb(), actor, userId, role);
  revalidatePath(USERS_PATH);
});

export const disableUserAction = sessionAction("admin", userIdSchema, async ({ userId }, { actor }) => {
  await setUserDisabled(getDb(), actor, userId, true);
  revalidatePath(USERS_PATH);
});

export const enableUserAction = sessionAction("admin", userIdSchema, async ({ userId }, { actor }) => {
  await setUserDisabled(getDb(), actor, userId, false);
  revalidatePath(USERS_PATH);
});
