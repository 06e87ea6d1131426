/**
 * The API page (/api-docs): it documents every endpoint of the OpenAPI document it links to, its
 * examples carry the public URL and work as written (with a real key and connector filled in),
 * and its error table says what the API really answers. A viewer reads it too, without the
 * admin's link to create keys.
 */
import type { Page } from "@playwright/test";
import { startScriptedServer, type ScriptedServer } from "../test/support/scripted-server";
import { startTestVendor, type TestVendor } from "./vendor/test-vendor";
import { callAction, connectorPayload, expect, test } from "./support/connector-form";
import { storageStateFile } from "./support/servers";

let vendor: TestVendor;
let vendorApi: ScriptedServer;

test.beforeAll(async () => {
  vendor = await startTestVendor();
  vendorApi = await startScriptedServer(() => ({ status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ items: [{ id: 1 }] }) }));
});
test.afterAll(async () => {
  await vendor?.close();
  await vendorApi?.close();
});

interface OpenApi {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, Record<string, unknown>>;
}

function section(page: Page, name: string) {
  return page.getByRole("region", { name, exact: true });
}

/** The example's curl command, as shown, with the placeholders a reader replaces filled in. */
async function example(page: Page, title: string, fill: { key: string; connectorId: string }) {
  const item = section(page, "Examples")
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: title, exact: true }) });
  const command = (await item.locator("pre").textContent())!;
  const url = /(https?:\/\/[^\s"]+)/.exec(command)![1]!;
  return {
    command,
    url: url.replace("CONNECTOR_ID", fill.connectorId),
    headers: command.includes("$LATCHKEY_API_KEY") ? { Authorization: `Bearer ${fill.key}` } : undefined,
  };
}

test("documents every endpoint of its OpenAPI document, and its examples work as written", async ({ page, context, request, baseURL, tag }) => {
  const document = await request.get("/api/v1/openapi.json");
  expect(document.status()).toBe(200);
  expect(document.headers()["content-type"]).toMatch(/^application\/json/);
  const openApi = (await document.json()) as OpenApi;
  expect(openApi.openapi).toBe("3.1.0");
  expect(openApi.servers).toEqual([{ url: `${baseURL}/api/v1` }]);
  expect(Object.keys(openApi.paths)).toEqual(
    expect.arrayContaining(["/connectors/{id}/token", "/connectors/{id}/token/refresh", "/connectors/{id}/proxy/{path}"]),
  );

  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { name: "API for sync workers", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Settings → API keys" })).toHaveAttribute("href", "/settings/api-keys");

  // The document's URL, copyable, is the one just fetched.
  const spec = section(page, "OpenAPI document");
  await expect(spec.getByText(`${baseURL}/api/v1/openapi.json`, { exact: true })).toBeVisible();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await spec.getByRole("button", { name: "Copy URL" }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/api/v1/openapi.json`);

  // Every path, with its methods.
  const endpoints = section(page, "Endpoints");
  for (const [path, operations] of Object.entries(openApi.paths)) {
    const methods = Object.keys(operations)
      .map((m) => m.toUpperCase())
      .join(" | ");
    await expect(endpoints.getByText(`${methods} /api/v1${path}`, { exact: true })).toBeVisible();
  }
  await expect(endpoints.getByText("The connector's current access token", { exact: true })).toBeVisible();
  await expect(endpoints.getByText("GET | HEAD | POST | PUT | PATCH | DELETE | OPTIONS /api/v1/connectors/{id}/proxy/{path}", { exact: true })).toBeVisible();
  await expect(endpoints.getByText("Query parameter min_ttl", { exact: false })).toBeVisible();

  // The examples carry this installation's public URL, and work once the reader fills in a key and a connector.
  const codes = section(page, "Examples").locator("pre");
  await expect(codes).not.toHaveCount(0);
  for (const code of await codes.all()) await expect(code).toContainText(`${baseURL}/api/v1/`);

  const created = await callAction(
    request,
    "createConnectorAction",
    connectorPayload(`Docs Ledger ${tag}`, {
      grantType: "client_credentials",
      authUrl: "",
      tokenUrl: vendor.tokenEndpoint,
      clientId: vendor.clients.machine.id,
      clientSecret: vendor.clients.machine.secret,
      scopes: ["api"],
      apiBaseUrl: `${vendorApi.url}/${tag}`,
    }),
  );
  expect(created.ok).toBe(true);
  const connectorId = String(created.data?.id);
  expect((await callAction(request, "getTokenAction", { id: connectorId })).ok).toBe(true);
  const key = await callAction(request, "createApiKeyAction", { name: `docs reader ${tag}`, connectorId });
  expect(key.ok).toBe(true);
  const fill = { key: String(key.data?.key), connectorId };

  const token = await example(page, "Get a valid access token", fill);
  const tokenAnswer = await request.get(token.url, { headers: token.headers });
  expect(tokenAnswer.status()).toBe(200);
  const { access_token: accessToken } = await tokenAnswer.json();
  expect(accessToken).toEqual(expect.any(String));

  const proxied = await example(page, "Call the vendor API through the proxy", fill);
  const proxyAnswer = await request.get(proxied.url, { headers: proxied.headers });
  expect(proxyAnswer.status()).toBe(200);
  expect(await proxyAnswer.json()).toEqual({ items: [{ id: 1 }] });
  const atVendor = vendorApi.requests.at(-1)!;
  expect(atVendor.path).toBe(`/${tag}/v1/items?limit=10`);
  expect(atVendor.headers.authorization).toBe(`Bearer ${accessToken}`);

  const openApiExample = await example(page, "This API's OpenAPI document", fill);
  expect(openApiExample.headers).toBeUndefined();
  expect(await (await request.get(openApiExample.url)).json()).toEqual(openApi);

  // The error table tells what a request without a key gets.
  const errors = section(page, "Errors").getByRole("table", { name: "Error codes" });
  const unauthenticated = await request.get(token.url);
  expect(unauthenticated.status()).toBe(401);
  const { error } = await unauthenticated.json();
  await expect(errors.getByRole("row").filter({ has: page.getByRole("cell", { name: error, exact: true }) })).toContainText("401");
});

test("a viewer reads the same page, without the link to create keys", async ({ browser, baseURL }, testInfo) => {
  const viewer = await browser.newContext({ baseURL, storageState: storageStateFile(testInfo.project.name, "viewer") });
  const page = await viewer.newPage();
  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { name: "API for sync workers", level: 1 })).toBeVisible();
  await expect(page.getByText("(an admin creates them)", { exact: false })).toBeVisible();
  await expect(page.getByRole("link", { name: "Settings → API keys" })).toHaveCount(0);
  await expect(section(page, "Endpoints").getByText("GET /api/v1/connectors/{id}/token", { exact: true })).toBeVisible();
  await viewer.close();
});
