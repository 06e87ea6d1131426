import "server-only";
import { cache } from "react";
import { getCurrentSession } from "../auth/session";
import { getDb } from "../db";
import { CONNECTOR_TABS, type ConnectorTab } from "./paths";
import { getConnectorForEdit } from "./queries";

/**
 * The connector as its page shows it (non-secret values only, SECURITY 10), read once per request:
 * the tabs' shared layout, the tab's page and its metadata all ask for it, and React's `cache`
 * hands each the same promise.
 */
export const loadConnectorPage = cache((id: string) => getConnectorForEdit(getDb(), id));

/** The tab's title, "{name} · Configuration"; the name only for a signed-in user (SECURITY 17). */
export async function connectorPageTitle(id: string, tab: ConnectorTab): Promise<string> {
  const label = CONNECTOR_TABS[tab].label;
  if (!(await getCurrentSession())) return label;
  const connector = await loadConnectorPage(id);
  return connector ? `${connector.values.name} · ${label}` : "Connector not found";
}
