/**
 * One-click authorization through the real UI: Authorize → the test vendor's sign-in and consent
 * pages (oidc-provider) → back on the connector with an active token. Also Get token for client
 * credentials, and a vendor refusal shown with its class and advice.
 */
import { startTestVendor, type TestVendor } from "./vendor/test-vendor";
import { test, expect, type ConnectorSpec } from "./support/connector-form";

let vendor: TestVendor;

test.beforeAll(async ({}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!;
  vendor = await startTestVendor({ autoApprove: false, redirectUris: [`${baseURL}/oauth2/redirect_url`] });
});

test.afterAll(async () => {
  await vendor?.close();
});

function spec(tag: string, overrides: Partial<ConnectorSpec>): ConnectorSpec {
  return {
    name: `Vendor ${tag}`,
    placement: "Request Header",
    grantType: "Authorization Code",
    authUrl: vendor.authorizationEndpoint,
    tokenUrl: vendor.tokenEndpoint,
    clientId: vendor.clients.authCode.id,
    clientSecret: vendor.clients.authCode.secret,
    scopes: ["openid", "read:items"],
    scopeSeparator: "Space",
    clientAuth: "Send as Basic Auth header",
    refreshUrl: "",
    apiBaseUrl: "",
    usePkce: true,
    authParams: [{ name: "ui_locales", value: "en-GB" }],
    tokenHeaders: [],
    tokenParams: [],
    bodyFormat: "Form (application/x-www-form-urlencoded)",
    refreshHeaders: [],
    refreshParams: [],
    refreshIncludesScope: false,
    revocationUrl: vendor.revocationEndpoint,
    ...overrides,
  };
}

test("Authorize signs in and consents at the vendor and lands back with an active token", async ({ page, connectorForm, tag }) => {
  const id = await connectorForm.create(spec(tag, {}));
  vendor.requests.length = 0;

  await connectorForm.openTab("Overview");
  await page.getByRole("button", { name: "Authorize", exact: true }).click();
  await expect(page.getByLabel("Username")).toHaveValue("alice");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Allow" }).click();

  await expect(page).toHaveURL(new RegExp(`/connectors/${id}\\?event=`)); // the outcome is shown on Overview
  await connectorForm.expectTab("Overview");
  await expect(page.getByRole("status").filter({ hasText: "Authorized." })).toBeVisible();
  await expect(page.getByTestId("token-status")).toHaveText("Active");
  await expect(page.getByTestId("refresh-token-held")).toHaveText("Held");

  const authorization = vendor.authorizationRequests()[0]!;
  expect(authorization.query).toMatchObject({ response_type: "code", code_challenge_method: "S256", ui_locales: "en-GB", scope: "openid read:items" });
  expect(authorization.query.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const exchange = vendor.tokenRequests()[0]!;
  expect(exchange.contentType).toMatch(/^application\/x-www-form-urlencoded/);
  expect(exchange.body.code_verifier).toBeTruthy();

  // Refresh now rotates the refresh token at this vendor.
  await page.getByRole("button", { name: "Refresh now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Token refreshed." })).toBeVisible();
  expect(vendor.tokenRequests().map((r) => r.body.grant_type)).toEqual(["authorization_code", "refresh_token"]);
});

test("Deny at the vendor comes back as access_denied with advice, and nothing is stored", async ({ page, connectorForm, tag }) => {
  await connectorForm.create(spec(tag, {}));
  await connectorForm.openTab("Overview");
  await page.getByRole("button", { name: "Authorize", exact: true }).click();
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Deny" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "Authorization failed" });
  await expect(alert).toContainText("access_denied");
  await expect(alert).toContainText("Stored credentials were not changed.");
  await expect(page.getByText("Not authorized yet.")).toBeVisible();
});

test("Get token runs client credentials; the wrong client authentication is refused with its class", async ({ page, connectorForm, tag }) => {
  const machine = vendor.clients.basicOnly;
  await connectorForm.create(
    spec(tag, {
      grantType: "Client Credentials",
      clientId: machine.id,
      clientSecret: machine.secret,
      scopes: ["api"],
      clientAuth: "Send client credentials in body",
      authParams: [],
    }),
  );
  await connectorForm.openTab("Overview");
  await page.getByRole("button", { name: "Get token" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "The vendor refused the token request" });
  await expect(alert).toContainText("invalid_client");
  await expect(alert).toContainText("Check the Client ID, Client Secret and Client Authentication");

  await connectorForm.openTab("Configuration");
  await connectorForm.radio("Client Authentication", "Send as Basic Auth header").check();
  await connectorForm.saveButton.click();
  await expect(page.getByText("Saved", { exact: true })).toBeVisible();
  await connectorForm.openTab("Overview");
  await page.getByRole("button", { name: "Get token" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Token obtained" })).toBeVisible();
  await expect(page.getByTestId("token-status")).toHaveText("Active");
});
