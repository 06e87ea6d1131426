import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { hasAnyUser } from "@/lib/users/service";
import { AuthCard } from "@/components/ui/auth-card";
import { FirstAdminForm } from "@/components/auth/first-admin-form";

export const metadata: Metadata = { title: "Create the first admin" };
export const dynamic = "force-dynamic";

/** Shown once: while the database has no user at all. */
export default async function SetupPage() {
  if (await hasAnyUser(getDb())) redirect("/sign-in");
  return (
    <AuthCard title="Create the first admin" description="Latchkey has no users yet. The account you create here can invite everyone else.">
      <FirstAdminForm />
    </AuthCard>
  );
}
