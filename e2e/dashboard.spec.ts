/**
 * The dashboard against the real test vendor (oidc-provider): authorize from a row, watch the
 * countdown tick, break the grant at the vendor, refresh from another tab, and see the first
 * tab (never reloaded) turn to "Needs re-authorization" by itself; then authorize again.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { startTestVendor, type TestVendor } from "./vendor/test-vendor";
import { callAction, connectorPayload, expect, test } from "./support/connector-form";
import { storageStateFile } from "./support/servers";

let vendor: TestVendor;

test.beforeAll(async ({ baseURL }) => {
  vendor = await startTestVendor({ autoApprove: false, redirectUris: [`${baseURL}/oauth2/redirect_url`] });
});
test.afterAll(async () => {
  await vendor?.close();
});

/** The vendor's own pages: sign in when it asks (its session may still be alive), then consent. */
async function approveAtVendor(page: Page) {
  const signIn = page.getByRole("button", { name: "Sign in", exact: true });
  const allow = page.getByRole("button", { name: "Allow", exact: true });
  await expect(signIn.or(allow)).toBeVisible();
  if (await signIn.isVisible()) await signIn.click();
  await allow.click();
  await expect(page).toHaveURL(/\/connectors\/[^/?]+\?event=/);
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

function dashboard(page: Page, name: string) {
  const tiles = page.getByRole("navigation", { name: "Filter by status" });
  return {
    row: page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) }),
    tile: (count: number, label: string) => tiles.getByRole("link", { name: `${count} ${label}`, exact: true }),
  };
}

/** Opens the row's actions menu ("Actions for {name}") and picks the item named `item`. */
async function rowAction(page: Page, row: Locator, name: string, item: string) {
  await row.getByRole("button", { name: `Actions for ${name}`, exact: true }).click();
  await page.getByRole("menuitem", { name: item, exact: true }).click();
}

/** What the row's actions menu offers, read with the menu open, then closed again. */
async function expectRowActions(page: Page, row: Locator, name: string, items: string[]) {
  await row.getByRole("button", { name: `Actions for ${name}`, exact: true }).click();
  await expect(page.getByRole("menuitem")).toHaveText(items);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toBeHidden();
}

test("authorize from the dashboard, see it go live, break at the vendor, see it update without a reload, authorize again", async ({
  page,
  context,
  connectorForm: form,
  tag,
}) => {
  const name = `Dashboard CRM ${tag}`;
  const dashboardUrl = `/?q=${encodeURIComponent(tag)}`;

  await form.gotoNew();
  await form.field("Name").fill(name);
  await form.field("Auth URL").fill(vendor.authorizationEndpoint);
  await form.field("Access Token URL").fill(vendor.tokenEndpoint);
  await form.field("Client ID").fill(vendor.clients.authCode.id);
  await form.field("Client Secret").fill(vendor.clients.authCode.secret);
  await form.addScopes(["read:items"]);
  await form.saveButton.click();
  await expect(page).toHaveURL(/\/connectors\/(?!new)[^/?]+/);

  await page.goto(dashboardUrl);
  const { row, tile } = dashboard(page, name);
  await expect(row.getByText("Not authorized", { exact: true })).toBeVisible();
  await expect(tile(1, "Not authorized")).toBeVisible();

  await rowAction(page, row, name, `Authorize ${name}`);
  await approveAtVendor(page);

  await page.goto(dashboardUrl);
  await expect(row.getByText("Active", { exact: true })).toBeVisible();
  await expect(tile(1, "Active")).toBeVisible();
  await expect(row.getByText("read:items")).toBeVisible();
  const countdown = row.getByText(/^in (\d+h )?\d+m \d{2}s$/);
  const before = await countdown.textContent();
  await expect(countdown).not.toHaveText(before ?? "");

  // From here on the first tab must update by polling alone: count full page loads.
  let loads = 0;
  page.on("load", () => loads++);

  await vendor.revokeAllGrants();
  const other = await context.newPage();
  await other.goto(dashboardUrl);
  const otherRow = dashboard(other, name).row;
  await rowAction(other, otherRow, name, `Refresh now ${name}`);
  await expect(other.getByRole("alert").filter({ hasText: `Refreshing ${name} failed` })).toBeVisible();
  await expect(otherRow.getByText("Needs re-authorization", { exact: true })).toBeVisible();
  await other.close();

  await expect(row.getByText("Needs re-authorization", { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(row.getByText("invalid_grant", { exact: true })).toBeVisible();
  await expect(tile(1, "Needs re-authorization")).toBeVisible();
  await expect(tile(0, "Active")).toBeVisible();
  expect(loads).toBe(0);

  await rowAction(page, row, name, `Authorize ${name}`);
  await approveAtVendor(page);
  await page.goto(dashboardUrl);
  await expect(row.getByText("Active", { exact: true })).toBeVisible();
  await expect(tile(1, "Active")).toBeVisible();
  await expect(tile(0, "Needs re-authorization")).toBeVisible();

  // Disconnect asks first; Cancel keeps the token.
  await rowAction(page, row, name, `Disconnect ${name}`);
  const confirm = page.getByRole("alertdialog", { name: `Disconnect “${name}”?` });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  expect(await seriousViolations(page)).toEqual([]);
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await expect(row.getByRole("button", { name: `Actions for ${name}`, exact: true })).toBeFocused(); // focus back on the menu's button
  await expect(row.getByText("Active", { exact: true })).toBeVisible();
  await rowAction(page, row, name, `Disconnect ${name}`);
  await confirm.getByRole("button", { name: "Disconnect", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `Disconnected ${name}` })).toBeVisible();
  await expect(row.getByText("Disconnected", { exact: true })).toBeVisible();
  await expectRowActions(page, row, name, [`Authorize ${name}`]);
});

test("filters, search and empty states; a viewer sees statuses but no actions", async ({ page, browser, request, tag, baseURL }, testInfo) => {
  const name = `Viewer Ledger ${tag}`;
  const created = await callAction(
    request,
    "createConnectorAction",
    connectorPayload(name, { grantType: "client_credentials", authUrl: "", clientSecret: "s3cr3t" }),
  );
  expect(created.ok).toBe(true);

  await page.goto("/");
  await page.getByLabel("Search by name").fill(tag);
  await page.getByLabel("Grant type").selectOption("Client Credentials");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${tag}`));
  const { row, tile } = dashboard(page, name);
  await expectRowActions(page, row, name, [`Get token for ${name}`]);
  expect(await seriousViolations(page)).toEqual([]);

  await tile(0, "Expired").click();
  await expect(page.getByRole("heading", { name: "No connectors match" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("link", { name: "Show all connectors" }).click();
  await expect(page).toHaveURL(/\/$/);

  const viewer = await browser.newContext({ baseURL, storageState: storageStateFile(testInfo.project.name, "viewer") });
  const viewerPage = await viewer.newPage();
  await viewerPage.goto(`/?q=${tag}`);
  const viewerRow = dashboard(viewerPage, name).row;
  await expect(viewerRow.getByText("Not authorized", { exact: true })).toBeVisible();
  await expect(viewerRow.getByRole("button")).toHaveCount(0);
  await expect(viewerPage.getByRole("columnheader", { name: "Actions" })).toHaveCount(0);
  await viewer.close();
});
