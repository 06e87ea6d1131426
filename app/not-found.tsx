import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/ui/auth-card";

export const metadata: Metadata = { title: "Page not found" };

/** Any URL no route matches. Says nothing about what exists; the dashboard sends visitors without a session to sign-in. */
export default function NotFound() {
  return (
    <AuthCard title="Page not found" description="There is no page at this address. The link may be wrong or out of date.">
      <Link href="/" className="text-sm font-medium text-primary underline">
        Back to the dashboard
      </Link>
    </AuthCard>
  );
}
