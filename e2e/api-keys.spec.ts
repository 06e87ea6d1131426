/**
 * Settings → API keys, as an admin uses it: create a key limited to one connector, copy it while
 * it is shown (only this once), give it to a "sync worker" (the machine API, called here with
 * Playwright's request client), then revoke it and see the same call refused. The connectors get
 * real tokens from the test vendor's client-credentials client.
 */
import type { APIRequestContext } from "@playwright/test";
import { startTestVendor, type TestVendor } from "./vendor/test-vendor";
import { callAction, createClientCredentialsConnector, expect, test } from "./support/connector-form";

let vendor: TestVendor;

test.beforeAll(async () => {
  vendor = await startTestVendor();
});
test.afterAll(async () => {
  await vendor?.close();
});

/** A client-credentials connector at the test vendor, with its token obtained. */
async function connectorWithToken(request: APIRequestContext, name: string): Promise<string> {
  const id = await createClientCredentialsConnector(request, name, {
    tokenUrl: vendor.tokenEndpoint,
    clientId: vendor.clients.machine.id,
    clientSecret: vendor.clients.machine.secret,
    scopes: ["api"],
  });
  expect(await callAction(request, "getTokenAction", { id })).toMatchObject({ ok: true, data: { succeeded: true } });
  return id;
}

const tokenPath = (id: string) => `/api/v1/connectors/${id}/token`;

test("create a key for one connector, see it once, use it, revoke it", async ({ page, context, request, tag }) => {
  const allowed = `Key Ledger ${tag}`;
  const other = `Key CRM ${tag}`;
  const allowedId = await connectorWithToken(request, allowed);
  const otherId = await connectorWithToken(request, other);
  const keyName = `billing sync ${tag}`;

  await page.goto("/settings");
  await page.getByRole("link", { name: "Manage API keys" }).click();
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();

  // A name is required.
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Enter a name")).toBeVisible();

  await page.getByLabel("Name", { exact: true }).fill(keyName);
  await page.getByLabel("Connector access").selectOption({ label: `Only ${allowed}` });
  await page.getByRole("button", { name: "Create key" }).click();

  // Shown once, whole, with a copy button.
  const shown = page.getByRole("status").filter({ hasText: `Copy the key for “${keyName}” now` });
  await expect(shown).toBeVisible();
  const key = (await shown.getByTestId("new-api-key").textContent())!.trim();
  expect(key).toMatch(/^lk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await shown.getByRole("button", { name: "Copy key" }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(key);

  const prefix = key.slice(0, "lk_12345678_".length);
  const table = page.getByRole("table", { name: "API keys" });
  const row = table.getByRole("row").filter({ hasText: keyName });
  await expect(row).toContainText(`${prefix}…`);
  await expect(row).toContainText(`Only ${allowed}`);
  await expect(row).toContainText("Never");

  // After a reload only its name and prefix remain.
  await page.reload();
  await expect(row).toContainText(`${prefix}…`);
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);
  expect(await page.content()).not.toContain(key.slice(prefix.length));

  // A sync worker uses it: the connector's token, and nothing for another connector.
  const asWorker = { headers: { Authorization: `Bearer ${key}` } };
  const answer = await request.get(tokenPath(allowedId), asWorker);
  expect(answer.status()).toBe(200);
  expect(answer.headers()["cache-control"]).toBe("no-store");
  const body = await answer.json();
  expect(body).toMatchObject({
    connector_id: allowedId,
    credential_type: "oauth2",
    token_type: "Bearer",
    apply: { in: "header", name: "Authorization", prefix: "Bearer" },
  });
  expect(body.access_token).toEqual(expect.any(String));
  expect(body.expires_in).toBeGreaterThan(3000);
  const lacking = await request.get(tokenPath(otherId), asWorker);
  expect(lacking.status()).toBe(403);
  expect(await lacking.json()).toMatchObject({ error: "key_lacks_access" });

  await page.reload();
  await expect(row).not.toContainText("Never");

  // Revoke asks first, naming the key; Cancel keeps it.
  await row.getByRole("button", { name: `Revoke ${keyName}`, exact: true }).click();
  const confirm = page.getByRole("alertdialog", { name: `Revoke API key “${keyName}”?` });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  expect((await request.get(tokenPath(allowedId), asWorker)).status()).toBe(200);

  await row.getByRole("button", { name: `Revoke ${keyName}`, exact: true }).click();
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText(`API key “${keyName}” revoked.`)).toBeVisible();
  await expect(row).toContainText("Revoked");

  const refused = await request.get(tokenPath(allowedId), asWorker);
  expect(refused.status()).toBe(401);
  expect(refused.headers()["www-authenticate"]).toMatch(/^Bearer realm="latchkey", error="invalid_token"/);
  expect(await refused.json()).toMatchObject({ error: "invalid_api_key" });
});
