/**
 * The Test tab's Send test request, against a real HTTP API on 127.0.0.1 (the connector's API Base
 * URL) that echoes the credential it received: the request carries the token exactly as the
 * connector says (a header with its prefix, or a query parameter), and the page shows the status,
 * headers and body with every copy of the token redacted. The token endpoint is on the same
 * scripted server.
 */
import type { Page } from "@playwright/test";
import { startScriptedServer, tokenResponse, type ScriptedServer } from "../test/support/scripted-server";
import { callAction, connectorPayload, expect, test } from "./support/connector-form";
import { openConnectorTab } from "./support/console-controls";

let server: ScriptedServer;

test.beforeAll(async () => {
  server = await startScriptedServer(() => ({ status: 404, body: "" }));
});
test.afterAll(async () => {
  await server?.close();
});

/** Token endpoint at /{tag}/token; the API under /{tag}/api echoes the credential it got, in its body and a header. */
function serve(tag: string, accessToken: string) {
  server.respondWith((req) => {
    if (req.path === `/${tag}/token`) return tokenResponse(accessToken);
    if (!req.path.startsWith(`/${tag}/api/`)) return { status: 404, body: "" };
    const url = new URL(req.path, server.url);
    const echoed = String(req.headers.authorization ?? url.searchParams.get("api_token") ?? "");
    return {
      status: 200,
      headers: { "content-type": "application/json", "x-echo-credential": echoed },
      body: JSON.stringify({ id: "me-1", path: url.pathname, received: echoed, body: req.rawBody }),
    };
  });
  return () => server.requests.filter((r) => r.path.startsWith(`/${tag}/api/`));
}

async function connector(request: Parameters<typeof callAction>[0], tag: string, name: string, overrides: Record<string, unknown>): Promise<string> {
  const created = await callAction(
    request,
    "createConnectorAction",
    connectorPayload(name, {
      grantType: "client_credentials",
      authUrl: "",
      tokenUrl: `${server.url}/${tag}/token`,
      clientId: `test-${tag}`,
      clientSecret: "s3cr3t",
      apiBaseUrl: `${server.url}/${tag}/api`,
      ...overrides,
    }),
  );
  expect(created.ok).toBe(true);
  return String(created.data?.id);
}

function testRequest(page: Page) {
  return page.getByRole("region", { name: "Send test request" });
}

test("a header with the connector's prefix carries the token; the page shows status and body, token redacted", async ({ page, request, tag }) => {
  const accessToken = `tr-header-${tag}-a1b2c3d4e5f6`;
  const apiRequests = serve(tag, accessToken);
  const id = await connector(request, tag, `Test Header ${tag}`, { authPlacement: "header", headerPrefix: "Token" });
  expect((await callAction(request, "getTokenAction", { id })).ok).toBe(true);

  await openConnectorTab(page, id, "Test");
  const section = testRequest(page);
  await section.getByLabel("Path", { exact: true }).fill("v1/me?fields=id");
  await section.getByRole("button", { name: "Send request" }).click();

  const outcome = section.getByRole("status");
  await expect(outcome.getByText("HTTP 200", { exact: true })).toBeVisible();
  await expect(outcome).toContainText(`${server.url}/${tag}/api/v1/me?fields=id`);

  // What the API received: the token in Authorization, after the connector's prefix.
  expect(apiRequests()).toHaveLength(1);
  expect(apiRequests()[0]!.path).toBe(`/${tag}/api/v1/me?fields=id`);
  expect(apiRequests()[0]!.headers.authorization).toBe(`Token ${accessToken}`);

  // What the page shows: the echoed token redacted in the body and in the headers.
  const body = outcome.locator("pre");
  await expect(body).toContainText('"id": "me-1"');
  await expect(body).toContainText('"received": "Token [redacted]"');
  await outcome.getByText(/^Response headers/).click();
  await expect(outcome.getByText("x-echo-credential", { exact: true })).toBeVisible();
  await expect(outcome.getByText("Token [redacted]", { exact: true })).toBeVisible();
  expect(await page.content()).not.toContain(accessToken);
});

test("a query parameter carries the token, a body is forwarded, and a path leaving the API Base URL is not sent", async ({ page, request, tag }) => {
  const accessToken = `tr-query-${tag}-f6e5d4c3b2a1`;
  const apiRequests = serve(tag, accessToken);
  const tokenRequests = () => server.requests.filter((r) => r.path === `/${tag}/token`);
  const id = await connector(request, tag, `Test Query ${tag}`, { authPlacement: "query", queryParamName: "api_token" });

  await openConnectorTab(page, id, "Test");
  const section = testRequest(page);
  await section.getByLabel("Path", { exact: true }).fill("../admin");
  await section.getByRole("button", { name: "Send request" }).click();
  await expect(section.getByRole("alert")).toContainText("Not sent: bad_path");
  expect(apiRequests()).toHaveLength(0);
  expect(tokenRequests()).toHaveLength(0);

  // No Get token first: a Client Credentials connector obtains its token on first use, as for a worker.
  await section.getByLabel("Path", { exact: true }).fill("v1/items");
  await section.getByLabel("Method", { exact: true }).selectOption("POST");
  await section.getByLabel("Body (optional)").fill('{"name":"example"}');
  await section.getByRole("button", { name: "Send request" }).click();

  const outcome = section.getByRole("status");
  await expect(outcome.getByText("HTTP 200", { exact: true })).toBeVisible();
  expect(tokenRequests()).toHaveLength(1);
  expect(apiRequests()).toHaveLength(1);
  const received = apiRequests()[0]!;
  expect(new URL(received.path, server.url).searchParams.get("api_token")).toBe(accessToken);
  expect(received.headers.authorization).toBeUndefined();
  expect(received.headers["content-type"]).toBe("application/json");
  expect(received.rawBody).toBe('{"name":"example"}');

  // The URL shown carries no token; the echo is redacted.
  await expect(outcome).toContainText(`${server.url}/${tag}/api/v1/items`);
  await expect(outcome).not.toContainText("api_token=");
  await expect(outcome.locator("pre")).toContainText('"received": "[redacted]"');
  await expect(outcome.locator("pre")).toContainText('"body": "{\\"name\\":\\"example\\"}"');
  expect(await page.content()).not.toContain(accessToken);
});
