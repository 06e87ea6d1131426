import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { findOpenInvitation } from "@/lib/users/service";
import { AuthCard } from "@/components/ui/auth-card";
import { AcceptInvitationForm } from "@/components/auth/accept-invitation-form";

export const metadata: Metadata = { title: "Accept invitation", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = token.length <= 128 ? await findOpenInvitation(getDb(), token) : null;
  if (!invitation) {
    return (
      <AuthCard title="Invitation not valid" description="This link is invalid, already used or expired. Ask an admin for a new invitation.">
        <Link href="/sign-in" className="text-sm font-medium text-primary underline">
          Go to sign-in
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Welcome to Latchkey" description={`Choose a password for ${invitation.email}.`}>
      <AcceptInvitationForm token={token} />
    </AuthCard>
  );
}
