/**
 * Import a refresh token in the browser: on an Authorization Code connector, instead of
 * Authorize, an admin pastes a refresh token; Latchkey redeems it at once at the connector's
 * token endpoint (a real HTTP server on 127.0.0.1 that the spec scripts) and stores it only if
 * the vendor accepts it. Neither the pasted token nor the rotated one comes back to the page.
 */
import { errorResponse, startScriptedServer, tokenResponse, type ScriptedServer } from "../test/support/scripted-server";
import { callAction, connectorPayload, expect, test } from "./support/connector-form";
import { recordResponses } from "./support/record-responses";

let vendor: ScriptedServer;

test.beforeAll(async () => {
  vendor = await startScriptedServer(() => ({ status: 404, body: "" }));
});
test.afterAll(async () => {
  await vendor?.close();
});

test("an imported refresh token is redeemed at once and the connector becomes Active; a refused one stores nothing", async ({ page, request, tag }) => {
  const issued = `workday-refresh-${tag}-0123456789`;
  const rotated = `workday-rotated-${tag}-9876543210`;
  const tokenPath = `/${tag}/token`;
  vendor.respondWith((req) => {
    if (req.path !== tokenPath) return { status: 404, body: "" };
    return req.form.grant_type === "refresh_token" && req.form.refresh_token === issued
      ? tokenResponse(`workday-access-${tag}`, { refresh_token: rotated })
      : errorResponse(400, "invalid_grant");
  });
  const created = await callAction(
    request,
    "createConnectorAction",
    connectorPayload(`Workday ${tag}`, {
      authUrl: `${vendor.url}/${tag}/authorize`,
      tokenUrl: `${vendor.url}${tokenPath}`,
      clientId: `workday-${tag}`,
      clientSecret: "s3cr3t",
    }),
  );
  expect(created.ok).toBe(true);
  const all = await recordResponses(page);
  await page.goto(`/connectors/${String(created.data?.id)}`);
  await expect(page.getByTestId("token-status")).toHaveText("Not authorized");

  // The input exists only once asked for.
  await expect(page.getByLabel("Refresh token", { exact: true })).toHaveCount(0);
  await page.getByRole("button", { name: "Import a refresh token" }).click();
  const importForm = page.getByRole("form", { name: "Import a refresh token" });
  const input = importForm.getByLabel("Refresh token", { exact: true });
  await expect(input).toBeFocused();
  await expect(input).toHaveAttribute("type", "password");

  // Empty: refused in the browser. A token the vendor does not know: refused by the vendor, nothing stored.
  await importForm.getByRole("button", { name: "Import and redeem" }).click();
  await expect(importForm.getByRole("alert")).toHaveText("Paste the refresh token");
  await input.fill("not-the-token-the-vendor-issued");
  await importForm.getByRole("button", { name: "Import and redeem" }).click();
  const refusal = importForm.getByRole("alert").filter({ hasText: "The vendor refused the refresh token. Nothing was stored." });
  await expect(refusal).toContainText("invalid_grant");
  await expect(input).toHaveValue("");
  await expect(page.getByTestId("token-status")).toHaveText("Not authorized");

  await input.fill(`${issued}\n`);
  await importForm.getByRole("button", { name: "Import and redeem" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Refresh token imported." })).toBeVisible();
  await expect(page.getByTestId("token-status")).toHaveText("Active");
  await expect(page.getByTestId("refresh-token-held")).toHaveText("Held");
  await expect(importForm).toHaveCount(0);
  const redeemed = vendor.requests.filter((r) => r.path === tokenPath).at(-1);
  expect(redeemed?.form).toMatchObject({ grant_type: "refresh_token", refresh_token: issued });

  await page.reload();
  await expect(page.getByTestId("token-status")).toHaveText("Active");
  await page.unrouteAll({ behavior: "wait" });
  expect(all.filter((r) => r.action).length).toBeGreaterThanOrEqual(2);
  for (const r of all) {
    expect(r.body, r.url).not.toContain(issued);
    expect(r.body, r.url).not.toContain(rotated);
    expect(r.body, r.url).not.toContain(`workday-access-${tag}`);
  }
});
