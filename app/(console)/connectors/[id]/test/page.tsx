import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageSession } from "@/lib/auth/session";
import { connectorPageTitle, loadConnectorPage } from "@/lib/connectors/connector-page";
import { SendTestRequest } from "@/components/test-request/send-test-request";
import { ExpiryRulesSection } from "@/components/test-request/expiry-rules-section";
import { Alert } from "@/components/ui/alert";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: await connectorPageTitle((await params).id, "test") };
}

/**
 * Test: Send test request and the expiry signals, both admin work (their actions check the role
 * again). The tab is not shown to viewers; one who follows a link here reads why there is nothing.
 */
export default async function ConnectorTestPage({ params }: Props) {
  const { user } = await requirePageSession();
  const { id } = await params;
  const connector = await loadConnectorPage(id);
  if (!connector) notFound();
  if (user.role !== "admin") {
    return (
      <Alert tone="neutral" role="note">
        Only admins can send test requests and change the expiry signals.
      </Alert>
    );
  }
  return (
    <div className="space-y-6">
      <SendTestRequest connectorId={connector.id} />
      <ExpiryRulesSection connectorId={connector.id} />
    </div>
  );
}
