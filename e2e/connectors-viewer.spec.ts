import { test as base } from "./support/base-test";
import { storageStateFile } from "./support/servers";
import { ConnectorFormPage, callAction, connectorPayload, deleteConnectorsNamed, expect } from "./support/connector-form";

const test = base.extend<{ connectorId: string; connectorName: string }>({
  storageState: async ({}, provide, testInfo) => provide(storageStateFile(testInfo.project.name, "viewer")),
  connectorName: async ({}, provide, testInfo) => provide(`Viewed ${testInfo.testId.slice(0, 8)}`),
  // Set up (and clean up) as the admin, through the actions.
  connectorId: async ({ playwright, baseURL, connectorName }, provide, testInfo) => {
    const admin = await playwright.request.newContext({ baseURL, storageState: storageStateFile(testInfo.project.name, "admin") });
    const extras = {
      auth: { headers: [], params: [] },
      token: { headers: [{ name: "X-Tenant", value: "north" }], params: [] },
      refresh: { headers: [], params: [] },
    };
    const created = await callAction(admin, "createConnectorAction", connectorPayload(connectorName, { clientSecret: "s3cr3t-viewer", extras }));
    await provide(created.data!.id as string);
    await deleteConnectorsNamed(admin, connectorName);
    await admin.dispose();
  },
});

test("a viewer sees connectors read-only and cannot reach the admin pages", async ({ page, connectorId, connectorName }) => {
  await page.goto("/connectors");
  await expect(page.getByRole("link", { name: "New connector" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: `Duplicate ${connectorName}` })).toHaveCount(0);
  await expect(page.getByRole("button", { name: `Delete ${connectorName}` })).toHaveCount(0);
  await expect(page.getByRole("button", { name: `Actions for ${connectorName}` })).toHaveCount(0);
  await expect(page.getByRole("columnheader", { name: "Actions" })).toHaveCount(0);

  await page.getByRole("link", { name: connectorName, exact: true }).click();
  const form = new ConnectorFormPage(page);
  await form.expectTab("Overview");
  await expect(page.getByText("Only admins can authorize or refresh.")).toBeVisible();
  await expect(form.tab("Test")).toHaveCount(0); // its actions are admin work
  await form.openTab("Configuration");
  await expect(page.getByText("Read only: only admins can change connectors.")).toBeVisible();
  await expect(form.field("Name")).toHaveValue(connectorName);
  await expect(form.field("Name")).toBeDisabled();
  await expect(form.field("Access Token URL")).toBeDisabled();
  await expect(form.radio("Grant Type", "Client Credentials")).toBeDisabled();
  await expect(form.field("Use PKCE")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Replace" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Add scope" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Duplicate/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Delete/ })).toHaveCount(0);
  // Looking is allowed: the advanced section opens, its rows are read-only; the Redirect URI can be copied.
  await form.openAdvanced();
  await expect(form.rowField("Token request", "headers", "value", 1)).toHaveValue("north");
  await expect(form.rowField("Token request", "headers", "value", 1)).toBeDisabled();
  await expect(form.editor("Token request", "headers").getByRole("button", { name: "Add header" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Copy" })).toBeEnabled();
  for (const box of await page.getByRole("textbox").all()) {
    if ((await box.getAttribute("readonly")) === null) await expect(box).toBeDisabled();
  }

  // The server refuses the viewer whatever the page shows.
  const refused = await callAction(page.request, "updateConnectorAction", { id: connectorId, values: connectorPayload("Renamed by viewer") });
  expect(refused).toMatchObject({ ok: false, code: "FORBIDDEN" });

  await page.goto("/connectors/new");
  await expect(page).toHaveURL(/\/forbidden$/);
});
