import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageSession } from "@/lib/auth/session";
import { connectorPageTitle, loadConnectorPage } from "@/lib/connectors/connector-page";
import { ConnectorHistory } from "@/components/history/connector-history";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: await connectorPageTitle((await params).id, "history") };
}

/** History: refreshes per day for 30 days and the event timeline. */
export default async function ConnectorHistoryPage({ params }: Props) {
  await requirePageSession();
  const { id } = await params;
  const connector = await loadConnectorPage(id);
  if (!connector) notFound();
  return <ConnectorHistory connectorId={connector.id} />;
}
