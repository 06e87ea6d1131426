import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/ui/auth-card";

export const metadata: Metadata = { title: "Admins only" };

export default function ForbiddenPage() {
  return (
    <AuthCard title="Admins only" description="Your role lets you look at connectors and tokens, not change them. Ask an admin if you need more.">
      <Link href="/" className="text-sm font-medium text-primary underline">
        Back to the dashboard
      </Link>
    </AuthCard>
  );
}
