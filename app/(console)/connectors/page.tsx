import type { Metadata } from "next";
import { requirePageSession } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Connectors" };
export const dynamic = "force-dynamic";

export default async function ConnectorsPage() {
  const { user } = await requirePageSession();
  const connectors = await getDb().connector.findMany({ select: { id: true, name: true, grantType: true }, orderBy: { name: "asc" } });
  return (
    <>
      <PageHeader title="Connectors" description="Each connector holds the OAuth 2.0 client details for one vendor API." />
      {connectors.length === 0 ? (
        <EmptyState title="No connectors yet">
          {user.role === "admin"
            ? "Register an app with your vendor, then add its Client ID, Client Secret and endpoints here. Give the vendor the Redirect URI shown in Settings."
            : "An admin has not set up any connector yet."}
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {connectors.map((c) => (
            <li key={c.id} className="px-4 py-3 text-sm">
              {c.name} <span className="text-slate-600">({c.grantType === "client_credentials" ? "Client Credentials" : "Authorization Code"})</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
