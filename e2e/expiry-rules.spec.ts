/**
 * The Test tab's token expiry signals: a vendor that says "token expired" with 403 and a JSON
 * error code (not the usual 401). Without a rule the 403 is the answer; with the rule saved (and
 * still there after a reload) the same answer makes the proxy renew the token and retry once,
 * while a 403 with another code is still final. Token endpoint and API are one scripted server on
 * 127.0.0.1.
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

const json = (status: number, body: unknown) => ({ status, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

async function send(page: Page) {
  const section = page.getByRole("region", { name: "Send test request" });
  await section.getByRole("button", { name: "Send request" }).click();
  return section.getByRole("status");
}

test("a 403 with a configured error code counts as an expired token: renewed and retried once", async ({ page, request, tag }) => {
  // The API's next answers, in order; afterwards 200.
  const answers: ReturnType<typeof json>[] = [];
  let issued = 0;
  server.respondWith((req) => {
    if (req.path === `/${tag}/token`) return tokenResponse(`er-access-${tag}-${++issued}`);
    if (req.path.startsWith(`/${tag}/api/`)) return answers.shift() ?? json(200, { items: [] });
    return { status: 404, body: "" };
  });
  const apiCalls = () => server.requests.filter((r) => r.path.startsWith(`/${tag}/api/`)).length;
  const expired = json(403, { error: { code: "TOKEN_EXPIRED", message: "The access token expired" } });

  const created = await callAction(
    request,
    "createConnectorAction",
    connectorPayload(`Expiry Ledger ${tag}`, {
      grantType: "client_credentials",
      authUrl: "",
      tokenUrl: `${server.url}/${tag}/token`,
      clientId: `er-${tag}`,
      clientSecret: "s3cr3t",
      apiBaseUrl: `${server.url}/${tag}/api`,
    }),
  );
  expect(created.ok).toBe(true);
  const id = String(created.data?.id);
  expect((await callAction(request, "getTokenAction", { id })).ok).toBe(true);

  await openConnectorTab(page, id, "Test");
  await page.getByLabel("Path", { exact: true }).fill("v1/items");

  // No rule yet: the vendor's 403 is the answer, nothing is retried.
  answers.push(expired);
  let outcome = await send(page);
  await expect(outcome.getByText("HTTP 403", { exact: true })).toBeVisible();
  await expect(outcome).toContainText("The access token expired");
  await expect(outcome).not.toContainText("retried once");
  expect(apiCalls()).toBe(1);

  // A body rule needs its statuses.
  // The Test tab holds one rules form: its labels are unique on the page.
  await expect(page.getByRole("heading", { name: "Token expiry signals" })).toBeVisible();
  await page.getByLabel("JSON body field (optional)").fill("error.code");
  await page.getByLabel("Field values").fill("TOKEN_EXPIRED");
  await page.getByRole("button", { name: "Save rules" }).click();
  await expect(page.getByText("Name the statuses whose body is checked")).toBeVisible();

  await page.getByLabel("Statuses").fill("403");
  await page.getByRole("button", { name: "Save rules" }).click();
  await expect(page.getByText("Saved. The proxy applies the rules within a few seconds.")).toBeVisible();

  // Kept: the form shows the stored rule after a reload.
  await page.reload();
  await expect(page.getByLabel("Statuses")).toHaveValue("403");
  await expect(page.getByLabel("JSON body field (optional)")).toHaveValue("error.code");
  await expect(page.getByLabel("Field values")).toHaveValue("TOKEN_EXPIRED");

  // The same 403 now means "expired": renewed, retried once, and the retry's 200 is the answer.
  await page.getByLabel("Path", { exact: true }).fill("v1/items");
  answers.push(expired);
  outcome = await send(page);
  await expect(outcome.getByText("HTTP 200", { exact: true })).toBeVisible();
  await expect(outcome).toContainText("retried once");
  expect(apiCalls()).toBe(3);

  // A 403 with another code is not an expiry signal: final, no retry.
  answers.push(json(403, { error: { code: "NO_ACCESS", message: "Not allowed for this app" } }));
  await page.getByRole("region", { name: "Send test request" }).getByRole("button", { name: "Send request" }).click();
  await expect(outcome.getByText("HTTP 403", { exact: true })).toBeVisible();
  await expect(outcome).toContainText("Not allowed for this app");
  await expect(outcome).not.toContainText("retried once");
  expect(apiCalls()).toBe(4);
});
