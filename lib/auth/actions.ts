"use server";
/**
 * Sign-in, sign-out, first admin and invitation acceptance. The public ones are the only
 * actions that run without a session; test/e2e access control lists them by name.
 */
import { AuthError } from "next-auth";
import { z } from "zod";
import { getDb } from "../db";
import { DomainError } from "../errors";
import { acceptInvitation, createFirstAdmin } from "../users/service";
import { acceptInvitationSchema, firstAdminSchema, signInSchema } from "../users/schema";
import { publicAction, sessionAction } from "./action";
import { signIn, SignInThrottled, signOut, SSO_PROVIDER_ID } from "./next-auth";

async function signInWithPassword(email: string, password: string): Promise<void> {
  try {
    await signIn("credentials", { email, password, redirectTo: "/" });
  } catch (error) {
    if (error instanceof SignInThrottled) throw new DomainError("UNAUTHENTICATED", "Too many failed sign-ins. Wait a little, then try again.");
    if (error instanceof AuthError) throw new DomainError("UNAUTHENTICATED", "Wrong email or password.");
    throw error; // includes the redirect on success
  }
}

export const signInAction = publicAction(signInSchema, async ({ email, password }) => {
  await signInWithPassword(email, password);
});

export const signInWithSsoAction = publicAction(z.object({}), async () => {
  await signIn(SSO_PROVIDER_ID, { redirectTo: "/" });
});

export const createFirstAdminAction = publicAction(firstAdminSchema, async ({ email, password, name }) => {
  await createFirstAdmin(getDb(), { email, password, name });
  await signInWithPassword(email, password);
});

export const acceptInvitationAction = publicAction(acceptInvitationSchema, async ({ token, password }) => {
  const user = await acceptInvitation(getDb(), token, password);
  await signInWithPassword(user.email, password);
});

export const signOutAction = sessionAction("viewer", z.object({}), async () => {
  await signOut({ redirectTo: "/sign-in" });
});
