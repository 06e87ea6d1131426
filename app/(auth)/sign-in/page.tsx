import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getConfig } from "@/lib/env";
import { getDb } from "@/lib/db";
import { getCurrentSession } from "@/lib/auth/session";
import { hasAnyUser } from "@/lib/users/service";
import { AuthCard } from "@/components/ui/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SsoButton } from "@/components/auth/sso-button";
import { Alert } from "@/components/ui/alert";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const ERRORS: Record<string, string> = {
  NotInvited: "Your single sign-on account is not a Latchkey user. Ask an admin to add your email.",
  SsoEmailUnverified: "Your single sign-on provider has not verified your email address. Verify it there, then try again.",
  SsoIdentityMismatch: "This single sign-on account is not the one linked to your Latchkey user. Ask an admin to invite you again to link a new one.",
  SsoMissingClaims: "Your single sign-on provider did not send an account identifier and an email address.",
  AccessDenied: "Sign-in was refused.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  if (!(await hasAnyUser(getDb()))) redirect("/setup");
  if (await getCurrentSession()) redirect("/");
  const { error } = await searchParams;
  const oidc = getConfig().oidc;
  return (
    <AuthCard title="Sign in" description="Manage the OAuth credentials of your connectors.">
      {error && (
        <Alert tone="destructive" className="mb-4">
          {ERRORS[error] ?? "Sign-in failed. Try again."}
        </Alert>
      )}
      <SignInForm />
      {oidc && (
        <div className="mt-4 border-t border-border pt-4">
          <SsoButton name={oidc.name} />
        </div>
      )}
    </AuthCard>
  );
}
