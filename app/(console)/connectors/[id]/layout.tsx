import type { ReactNode } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageSession } from "@/lib/auth/session";
import { presetById } from "@/lib/catalog";
import { loadConnectorPage } from "@/lib/connectors/connector-page";
import { CONNECTOR_TABS, connectorPath, type ConnectorTab } from "@/lib/connectors/paths";
import { accessMethodLabel } from "@/components/connectors/labels";
import { PageHeader } from "@/components/ui/page-header";
import { TabNav } from "@/components/ui/tabs";

export const dynamic = "force-dynamic";

type Props = { children: ReactNode; params: Promise<{ id: string }> };

/** Test sends requests and changes rules: admins only, so viewers do not get a tab that can do nothing for them. */
const VIEWER_TABS: ConnectorTab[] = ["overview", "configuration", "history"];

/**
 * The connector page's frame, shared by its four tabs: back link, header, tab nav. An unknown id
 * is a 404 here, for every tab. Each tab's page checks the session again (SECURITY 17).
 */
export default async function ConnectorLayout({ children, params }: Props) {
  const [{ user }, { id }] = await Promise.all([requirePageSession(), params]);
  const connector = await loadConnectorPage(id);
  if (!connector) notFound();
  const { values } = connector;
  const shown = user.role === "admin" ? (Object.keys(CONNECTOR_TABS) as ConnectorTab[]) : VIEWER_TABS;
  return (
    <div className="max-w-3xl">
      <Link href="/connectors" className="text-sm font-medium text-primary underline">
        Back to connectors
      </Link>
      <div className="mt-3">
        <PageHeader
          title={values.name}
          description={[
            presetById(values.presetId)?.name,
            accessMethodLabel(values.grantType, values.credentialType),
            `configuration version ${connector.configVersion}`,
          ]
            .filter(Boolean)
            .join(" · ")}
        />
      </div>
      <TabNav
        label="Connector sections"
        tabs={shown.map((tab) => ({ href: connectorPath(connector.id, tab), label: CONNECTOR_TABS[tab].label }))}
        className="mb-6"
      />
      {children}
    </div>
  );
}
