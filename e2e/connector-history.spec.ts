/**
 * A connector's History tab after real token work: Get token, a refresh that succeeds, one the
 * vendor refuses. The timeline lists them newest first with who did it and how each ended, the
 * refresh chart counts them (its accessible name says the numbers), the Overview shows the latest
 * few with a way to the full history, and each action's event link (`?event=`) shows that event's
 * outcome. The vendor is a scripted token endpoint on 127.0.0.1.
 */
import type { Page } from "@playwright/test";
import { errorResponse, startScriptedServer, tokenResponse, type ScriptedServer } from "../test/support/scripted-server";
import { createClientCredentialsConnector, expect, test } from "./support/connector-form";
import { connectorTabs, openConnectorTab } from "./support/console-controls";
import { ADMIN } from "./support/servers";

let vendor: ScriptedServer;

test.beforeAll(async () => {
  vendor = await startScriptedServer(() => ({ status: 404, body: "" }));
});
test.afterAll(async () => {
  await vendor?.close();
});

/** Clicks a token action on the Overview and returns the id of the event it recorded (the page's `?event=`). */
async function tokenAction(page: Page, id: string, button: "Get token" | "Refresh now"): Promise<string> {
  const before = page.url();
  await page.getByRole("button", { name: button, exact: true }).click();
  await expect(page).not.toHaveURL(before);
  await expect(page).toHaveURL(new RegExp(`/connectors/${id}\\?event=[^&]+$`));
  return new URL(page.url()).searchParams.get("event")!;
}

test("lists Get token and each refresh in order with its outcome, counts them in the chart, and links to each event", async ({ page, request, tag }) => {
  let refusing = false;
  let issued = 0;
  vendor.respondWith((req) => {
    if (req.path !== `/${tag}/token`) return { status: 404, body: "" };
    if (refusing) return errorResponse(401, "invalid_client");
    issued += 1;
    return tokenResponse(`history-access-${tag}-${issued}`);
  });
  const name = `History Ledger ${tag}`;
  const id = await createClientCredentialsConnector(request, name, {
    tokenUrl: `${vendor.url}/${tag}/token`,
    clientId: `history-${tag}`,
    clientSecret: "s3cr3t",
  });

  // Before any token work: no refreshes, one event.
  await openConnectorTab(page, id, "History");
  const chart = page.getByRole("img", { name: /^Token refreshes per day/ });
  await expect(chart).toHaveAccessibleName("Token refreshes per day No refreshes in the last 30 days.");
  const timeline = page.getByRole("list", { name: "Events, newest first" });
  await expect(timeline.getByRole("listitem")).toHaveCount(1);
  await expect(timeline.getByRole("listitem").first()).toContainText("Created");

  await openConnectorTab(page, id, "Overview");
  const obtained = await tokenAction(page, id, "Get token");
  await expect(page.getByTestId("token-status")).toHaveText("Active");
  const refreshed = await tokenAction(page, id, "Refresh now");
  await expect(page.getByRole("status").filter({ hasText: "Token refreshed." })).toBeVisible();
  refusing = true;
  const failed = await tokenAction(page, id, "Refresh now");
  await expect(page.getByRole("alert").filter({ hasText: "The vendor refused the token request" })).toBeVisible();
  expect(new Set([obtained, refreshed, failed]).size).toBe(3);

  // The Overview keeps the latest few and leads to the rest.
  const recent = page.getByRole("region", { name: "Recent events" });
  await expect(recent.getByRole("listitem").first()).toContainText("Refresh failed");
  await recent.getByRole("link", { name: "View full history" }).click();
  await expect(page).toHaveURL(new RegExp(`/connectors/${id}/history$`));
  await expect(connectorTabs(page).getByRole("link", { name: "History", exact: true })).toHaveAttribute("aria-current", "page");

  // Newest first, each with its outcome and who did it.
  const entries = timeline.getByRole("listitem");
  await expect(entries).toHaveCount(4);
  await expect(entries.nth(0)).toContainText("Refresh failed");
  await expect(entries.nth(0)).toContainText("Failed");
  await expect(entries.nth(0)).toContainText("invalid_client");
  await expect(entries.nth(1)).toContainText("Refreshed");
  await expect(entries.nth(2)).toContainText("Token obtained");
  await expect(entries.nth(3)).toContainText("Created");
  for (const i of [1, 2, 3]) await expect(entries.nth(i)).not.toContainText("Failed");
  for (const i of [0, 1, 2, 3]) await expect(entries.nth(i)).toContainText(ADMIN.email);
  // Nothing the vendor issued is shown.
  await expect(timeline).not.toContainText(`history-access-${tag}`);

  // The chart counts refreshes only (Get token is not one), and says so in its accessible name.
  await expect(chart).toHaveAccessibleName("Token refreshes per day Last 30 days: 1 refresh succeeded, 1 failed (on 1 day).");
  await page.getByText("Refreshes per day as a table").click();
  const today = new Date().toISOString().slice(0, 10);
  const todayRow = page
    .getByRole("table", { name: "Refreshes per day, last 30 days" })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: today }) });
  await expect(todayRow.getByRole("cell")).toHaveText(["1", "1"]);

  // Each event link shows that event's outcome, not the latest one.
  await page.goto(`/connectors/${id}?event=${obtained}`);
  await expect(page.getByRole("status").filter({ hasText: "Token obtained and stored encrypted." })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "The vendor refused the token request" })).toHaveCount(0);
  await page.goto(`/connectors/${id}?event=${refreshed}`);
  await expect(page.getByRole("status").filter({ hasText: "Token refreshed." })).toBeVisible();
  await page.goto(`/connectors/${id}?event=${failed}`);
  await expect(page.getByRole("alert").filter({ hasText: "The vendor refused the token request" })).toContainText("invalid_client");
});
