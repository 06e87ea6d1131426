import { z } from "zod";

export const ROLES = ["admin", "viewer"] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

export const emailSchema = z.string().trim().toLowerCase().max(254, "At most 254 characters").pipe(z.email("Enter an email address"));

export const newPasswordSchema = z.string().min(12, "Use at least 12 characters").max(256, "At most 256 characters");

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password").max(256),
});

export const firstAdminSchema = z
  .object({
    email: emailSchema,
    name: z.string().trim().max(100).optional(),
    password: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords differ" });

export const inviteUserSchema = z.object({
  email: emailSchema,
  role: roleSchema,
});

export const changeRoleSchema = z.object({
  userId: z.string().min(1).max(64),
  role: roleSchema,
});

export const userIdSchema = z.object({ userId: z.string().min(1).max(64) });

export const acceptInvitationSchema = z
  .object({
    token: z.string().min(16).max(128),
    password: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords differ" });
