/**
 * The connector page as four tabs, each its own URL (issue 13): every tab loads directly with its
 * own panel and only that, the tab nav marks where you are, switching tabs is a client-side
 * navigation under the same header, and a link can point at one tab (here History).
 */
import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { callAction, connectorPayload, expect, test, type ConnectorTabName } from "./support/connector-form";
import { storageStateFile } from "./support/servers";

const TABS: ConnectorTabName[] = ["Overview", "Configuration", "Test", "History"];

/** What only each tab shows. */
const PANELS: Record<ConnectorTabName, (page: Page) => Locator> = {
  Overview: (page) => page.getByRole("region", { name: "Token", exact: true }),
  Configuration: (page) => page.getByRole("form", { name: "Connector settings", exact: true }),
  Test: (page) => page.getByRole("region", { name: "Send test request", exact: true }),
  History: (page) => page.getByRole("region", { name: "History", exact: true }),
};

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("each tab loads directly at its own URL with its own panel, and the nav marks it as the current page", async ({
  page,
  request,
  connectorForm: form,
  tag,
}) => {
  const name = `Tabbed ${tag}`;
  const id = (await callAction(request, "createConnectorAction", connectorPayload(name))).data!.id as string;

  for (const tab of TABS) {
    await form.gotoTab(id, tab); // the URL, and aria-current="page" on this tab's link
    await expect(form.tabNav.locator('[aria-current="page"]'), tab).toHaveText(tab);
    await expect(form.tabNav.getByRole("link")).toHaveText(TABS);
    // The shared frame: header and way back, on every tab.
    await expect(page.getByRole("heading", { level: 1, name, exact: true })).toBeVisible();
    await expect(page.getByText("Authorization Code · configuration version 1", { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Back to connectors" })).toBeVisible();
    await expect(page).toHaveTitle(`${name} · ${tab} · Latchkey`);
    for (const other of TABS) {
      if (other === tab) await expect(PANELS[other](page), `${other} on ${tab}`).toBeVisible();
      else await expect(PANELS[other](page), `${other} on ${tab}`).toHaveCount(0);
    }
    expect(await seriousViolations(page), tab).toEqual([]);
  }
  // The Test tab holds both of its tools.
  await expect(page.getByRole("heading", { name: "Token expiry signals" })).toHaveCount(0);
  await form.gotoTab(id, "Test");
  await expect(page.getByRole("heading", { name: "Token expiry signals" })).toBeVisible();
});

test("a deep link opens History; Overview shows the recent events and leads there; tabs switch without a page load", async ({
  page,
  request,
  connectorForm: form,
  tag,
}) => {
  const name = `Timeline ${tag}`;
  const id = (await callAction(request, "createConnectorAction", connectorPayload(name))).data!.id as string;
  const edited = await callAction(request, "updateConnectorAction", { id, values: connectorPayload(name, { clientId: "client-2" }) });
  expect(edited.ok).toBe(true);

  // Straight to History, as a shared link would: the full timeline and the refresh chart.
  await page.goto(`/connectors/${id}/history`);
  await form.expectTab("History");
  const history = PANELS.History(page);
  const events = history.getByRole("list", { name: "Events, newest first" }).getByRole("listitem");
  await expect(events).toHaveCount(2);
  await expect(events.first()).toContainText("Edited");
  await expect(events.last()).toContainText("Created");
  await expect(history.getByRole("heading", { name: "Refreshes, last 30 days" })).toBeVisible();
  await expect(history.getByRole("img", { name: /Token refreshes per day/ })).toBeVisible();

  // Overview lists the latest events and links to the rest.
  let loads = 0;
  page.on("load", () => loads++);
  await form.openTab("Overview");
  const recent = page.getByRole("region", { name: "Recent events", exact: true });
  await expect(recent.getByRole("listitem").first()).toContainText("Edited");
  await recent.getByRole("link", { name: "View full history" }).click();
  await form.expectTab("History");
  for (const tab of ["Configuration", "Test", "Overview"] as const) {
    await form.openTab(tab);
    await expect(PANELS[tab](page)).toBeVisible();
  }
  // Each tab is a history entry: Back returns to the previous one.
  await page.goBack();
  await form.expectTab("Test");
  await expect(PANELS.Test(page)).toBeVisible();
  expect(loads).toBe(0);
});

test("a viewer gets Overview, Configuration and History; the Test tab is not offered and its URL says why", async ({
  browser,
  request,
  baseURL,
  tag,
}, testInfo) => {
  const name = `Viewed tabs ${tag}`;
  const id = (await callAction(request, "createConnectorAction", connectorPayload(name))).data!.id as string;
  const viewer = await browser.newContext({ baseURL, storageState: storageStateFile(testInfo.project.name, "viewer") });
  const page = await viewer.newPage();
  const nav = page.getByRole("navigation", { name: "Connector sections", exact: true });

  await page.goto(`/connectors/${id}`);
  await expect(nav.getByRole("link")).toHaveText(["Overview", "Configuration", "History"]);
  await expect(nav.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");

  await page.goto(`/connectors/${id}/test`);
  await expect(page.getByText("Only admins can send test requests and change the expiry signals.")).toBeVisible();
  await expect(PANELS.Test(page)).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Token expiry signals" })).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
  await viewer.close();
});
