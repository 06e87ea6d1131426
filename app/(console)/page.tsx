import type { Metadata } from "next";
import Link from "next/link";
import { requirePageSession } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClasses } from "@/components/ui/button";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

export default async function DashboardPage() {
  const { user } = await requirePageSession();
  const connectors = await getDb().connector.count();
  return (
    <>
      <PageHeader title="Dashboard" description="Is every connector able to sync? Token health at a glance." />
      {connectors === 0 ? (
        <EmptyState
          title="No connectors yet"
          action={
            user.role === "admin" ? (
              <Link href="/connectors" className={buttonClasses()}>
                Set up a connector
              </Link>
            ) : undefined
          }
        >
          {user.role === "admin"
            ? "Add a connector with the OAuth 2.0 details your vendor gave you, then authorize it. Its token status will show here."
            : "An admin has not set up any connector yet. Token status will show here once they do."}
        </EmptyState>
      ) : (
        <p className="text-sm text-slate-700">
          {connectors} connector{connectors === 1 ? "" : "s"} configured. See <Link className="text-indigo-700 underline" href="/connectors">Connectors</Link>.
        </p>
      )}
    </>
  );
}
