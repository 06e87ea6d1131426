import type { Metadata } from "next";
import Link from "next/link";
import { requirePageSession } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listConnectors } from "@/lib/connector-admin/queries";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ConnectorTable } from "@/components/connectors/connector-table";

export const metadata: Metadata = { title: "Connectors" };
export const dynamic = "force-dynamic";

export default async function ConnectorsPage() {
  const { user } = await requirePageSession();
  const now = new Date();
  const connectors = await listConnectors(getDb(), now);
  const isAdmin = user.role === "admin";
  const newLink = (
    <Button asChild>
      <Link href="/connectors/new">New connector</Link>
    </Button>
  );
  return (
    <>
      <PageHeader
        title="Connectors"
        description="Each connector holds the OAuth 2.0 client details for one vendor API."
        actions={isAdmin ? newLink : undefined}
      />
      {connectors.length === 0 ? (
        <EmptyState title="No connectors yet" action={isAdmin ? newLink : undefined}>
          {isAdmin
            ? "Register an app in your vendor's developer console, then create a connector with its Client ID, Client Secret and endpoints. The form shows the Redirect URI to give the vendor."
            : "An admin has not set up any connector yet."}
        </EmptyState>
      ) : (
        <ConnectorTable rows={connectors} isAdmin={isAdmin} now={now} />
      )}
    </>
  );
}
