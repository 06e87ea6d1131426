import type { Metadata } from "next";
import Link from "next/link";
import { requirePageSession } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listConnectors } from "@/lib/connectors/queries";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ConnectorTable } from "@/components/connectors/connector-table";
import { FlashNote } from "@/components/connectors/flash-note";

export const metadata: Metadata = { title: "Connectors" };
export const dynamic = "force-dynamic";

export default async function ConnectorsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { user } = await requirePageSession();
  const now = new Date();
  const [connectors, params] = await Promise.all([listConnectors(getDb(), now), searchParams]);
  const isAdmin = user.role === "admin";
  const newLink = (
    <Link href="/connectors/new" className={buttonClasses()}>
      New connector
    </Link>
  );
  return (
    <>
      <PageHeader title="Connectors" description="Each connector holds the OAuth 2.0 client details for one vendor API." actions={isAdmin ? newLink : undefined} />
      {params.deleted === "1" && <FlashNote param="deleted">Connector deleted, with its stored tokens.</FlashNote>}
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
