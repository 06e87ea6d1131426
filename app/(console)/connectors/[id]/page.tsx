import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageSession } from "@/lib/auth/session";
import { connectorPageTitle, loadConnectorPage } from "@/lib/connectors/connector-page";
import { connectorPath } from "@/lib/connectors/paths";
import { TokenPanel } from "@/components/tokens/token-panel";
import { RecentEvents } from "@/components/history/recent-events";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  return { title: await connectorPageTitle((await params).id, "overview") };
}

/**
 * Overview: the token (status, expiry, metadata, the flow buttons) and the last few events. Token
 * actions, the authorization callback and the dashboard's outcome links land here with `?event=`.
 */
export default async function ConnectorOverviewPage({ params, searchParams }: Props) {
  const { user } = await requirePageSession();
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const connector = await loadConnectorPage(id);
  if (!connector) notFound();
  const canChange = user.role === "admin";
  return (
    <div className="space-y-6">
      <TokenPanel
        connectorId={connector.id}
        connectorName={connector.values.name}
        grantType={connector.values.grantType}
        canChange={canChange}
        showSensitive={canChange}
        eventId={typeof query.event === "string" ? query.event : undefined}
      />
      <RecentEvents connectorId={connector.id} historyHref={connectorPath(connector.id, "history")} />
    </div>
  );
}
