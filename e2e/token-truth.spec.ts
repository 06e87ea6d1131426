/**
 * Token truth: the dashboard, the connectors list and the connector page tell the same status,
 * with the same reason, for the same connector. The vendor is a real HTTP token endpoint on
 * 127.0.0.1 that the spec scripts (the app runs with LATCHKEY_DEV_ALLOW_LOOPBACK=1).
 */
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { errorResponse, startScriptedServer, tokenResponse, type ScriptedServer } from "../test/support/scripted-server";
import { callAction, connectorPayload, expect, test } from "./support/connector-form";

let vendor: ScriptedServer;

test.beforeAll(async () => {
  vendor = await startScriptedServer(() => ({ status: 404, body: "" }));
});
test.afterAll(async () => {
  await vendor?.close();
});

interface Connector {
  id: string;
  name: string;
  tag: string;
  /** Path of its token endpoint on the scripted vendor: each test's requests are told apart by it. */
  tokenPath: string;
}

/** A client-credentials connector whose token endpoint answers a token until `refuse()` is called, then invalid_client (401). */
async function clientCredentialsConnector(request: APIRequestContext, tag: string) {
  const connector: Connector = { id: "", name: `Truth Ledger ${tag}`, tag, tokenPath: `/${tag}/token` };
  let refusing = false;
  let issued = 0;
  vendor.respondWith((req) => {
    if (req.path !== connector.tokenPath) return { status: 404, body: "" };
    if (refusing) return errorResponse(401, "invalid_client");
    issued += 1;
    return tokenResponse(`truth-access-${tag}-${issued}`);
  });
  const created = await callAction(
    request,
    "createConnectorAction",
    connectorPayload(connector.name, {
      grantType: "client_credentials",
      authUrl: "",
      tokenUrl: `${vendor.url}${connector.tokenPath}`,
      clientId: `truth-${tag}`,
      clientSecret: "s3cr3t",
    }),
  );
  expect(created.ok).toBe(true);
  connector.id = String(created.data?.id);
  return {
    connector,
    refuse: () => {
      refusing = true;
    },
    tokenRequests: () => vendor.requests.filter((r) => r.path === connector.tokenPath).length,
  };
}

const dashboardUrl = (c: Connector) => `/?q=${encodeURIComponent(c.tag)}`;

function rowOf(page: Page, c: Connector) {
  return page.getByRole("row").filter({ has: page.getByRole("link", { name: c.name, exact: true }) });
}

function tokenPanel(page: Page) {
  return page.getByRole("region", { name: "Token", exact: true });
}

interface Expected {
  label: string;
  /** The failure's short reason, exactly; null when none may show. */
  reason: string | null;
  nextAttempt?: RegExp;
}

async function expectExplained(scope: Locator, { label, reason, nextAttempt }: Expected) {
  await expect(scope.getByText(label, { exact: true })).toBeVisible();
  if (reason) await expect(scope.getByText(reason, { exact: true })).toBeVisible();
  else await expect(scope.getByText(/^Next attempt/)).toHaveCount(0);
  if (nextAttempt) await expect(scope.getByText(nextAttempt)).toBeVisible();
}

/** The same status and reason on the dashboard row, the connectors list row and the connector page's token panel. */
async function expectOnEveryPage(page: Page, c: Connector, expected: Expected) {
  await page.goto(dashboardUrl(c));
  await expectExplained(rowOf(page, c), expected);

  await page.goto("/connectors");
  await expectExplained(rowOf(page, c), expected);

  await page.goto(`/connectors/${c.id}`);
  await expect(page.getByTestId("token-status")).toHaveText(expected.label);
  await expectExplained(tokenPanel(page), expected);
}

test("wrong client credentials show as Check client credentials, with the reason, on every page", async ({ page, request, tag }) => {
  const { connector, refuse } = await clientCredentialsConnector(request, tag);

  await page.goto(`/connectors/${connector.id}`);
  await expect(page.getByTestId("token-status")).toHaveText("Not authorized");
  await page.getByRole("button", { name: "Get token", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Token obtained" })).toBeVisible();
  await expectOnEveryPage(page, connector, { label: "Active", reason: null });

  // The vendor stops accepting the client (a rotated secret, a deleted app).
  refuse();
  await page.getByRole("button", { name: "Refresh now", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The vendor refused the token request" })).toBeVisible();
  await expectOnEveryPage(page, connector, {
    label: "Check client credentials",
    reason: "Client credentials rejected · HTTP 401 · invalid_client",
    // check_client retries slowly (lib/tokens/refresher/backoff.ts): 7.5 to 15 minutes after the first failure.
    nextAttempt: /^Next attempt in \d+ minutes$/,
  });
});

test("Disconnect shows as Disconnected on every page and stops every token request until Get token", async ({ page, request, tag }) => {
  const { connector, tokenRequests } = await clientCredentialsConnector(request, tag);
  await page.goto(`/connectors/${connector.id}`);
  await page.getByRole("button", { name: "Get token", exact: true }).click();
  await expect(page.getByTestId("token-status")).toHaveText("Active");
  expect(tokenRequests()).toBe(1);

  // Disconnect from the connector page; it asks first.
  await page.getByRole("button", { name: `Disconnect ${connector.name}`, exact: true }).click();
  await page
    .getByRole("alertdialog", { name: `Disconnect “${connector.name}”?` })
    .getByRole("button", { name: "Disconnect", exact: true })
    .click();
  await expect(page.getByRole("status").filter({ hasText: "Disconnected: the tokens were deleted." })).toBeVisible();
  await expect(page.getByTestId("token-status")).toHaveText("Disconnected");
  await expect(tokenPanel(page).getByText("Nothing is obtained automatically", { exact: false })).toBeVisible();
  await expect(page.getByRole("button", { name: "Refresh now", exact: true })).toHaveCount(0);

  await expectOnEveryPage(page, connector, { label: "Disconnected", reason: null });
  // Viewing and polling the dashboard asks the vendor for nothing.
  await page.goto(dashboardUrl(connector));
  await expect(rowOf(page, connector).getByText("Disconnected", { exact: true })).toBeVisible();
  await page.waitForResponse((response) => response.url().includes("/api/dashboard") && response.ok());
  await expect(rowOf(page, connector).getByText("Disconnected", { exact: true })).toBeVisible();
  expect(tokenRequests()).toBe(1);

  // Only an admin's Get token connects it again.
  await rowOf(page, connector)
    .getByRole("button", { name: `Actions for ${connector.name}`, exact: true })
    .click();
  await page.getByRole("menuitem", { name: `Get token for ${connector.name}`, exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `Got a token for ${connector.name}.` })).toBeVisible();
  expect(tokenRequests()).toBe(2);
  await expectOnEveryPage(page, connector, { label: "Active", reason: null });
});
