/**
 * The tabs of a connector's page, each its own URL (a nav of links, the current one marked
 * aria-current="page"), found by role and accessible name.
 */
import { expect, type Locator, type Page } from "@playwright/test";

export type ConnectorTab = "Overview" | "Configuration" | "Test" | "History";

const TAB_PATHS: Record<ConnectorTab, string> = { Overview: "", Configuration: "/configuration", Test: "/test", History: "/history" };

function connectorTabUrl(id: string, tab: ConnectorTab): string {
  return `/connectors/${id}${TAB_PATHS[tab]}`;
}

/** The connector page's tab list: a nav of links, the current one marked aria-current="page". */
export function connectorTabs(page: Page): Locator {
  return page.getByRole("navigation", { name: "Connector sections" });
}

/** Opens one tab of a connector's page by its URL, and checks the tab list marks it current. */
export async function openConnectorTab(page: Page, id: string, tab: ConnectorTab): Promise<void> {
  await page.goto(connectorTabUrl(id, tab));
  await expect(connectorTabs(page).getByRole("link", { name: tab, exact: true })).toHaveAttribute("aria-current", "page");
}
