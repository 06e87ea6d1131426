import type { Metadata } from "next";
import Link from "next/link";
import { requirePageSession } from "@/lib/auth/session";
import { getConfig } from "@/lib/env";
import { defaultConnectorValues } from "@/lib/connectors/schema";
import { PageHeader } from "@/components/ui/page-header";
import { ConnectorForm } from "@/components/connectors/connector-form";

export const metadata: Metadata = { title: "New connector" };
export const dynamic = "force-dynamic";

export default async function NewConnectorPage() {
  await requirePageSession("admin");
  const config = getConfig();
  return (
    <div className="max-w-3xl">
      <Link href="/connectors" className="text-sm font-medium text-primary underline">
        Back to connectors
      </Link>
      <div className="mt-3">
        <PageHeader title="New connector" description="Copy these details from the app you registered in the vendor's developer console." />
      </div>
      <ConnectorForm initialValues={defaultConnectorValues()} allowLoopback={config.devAllowLoopback} redirectUri={config.redirectUri} canEdit />
    </div>
  );
}
