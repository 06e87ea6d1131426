/**
 * Discover in a real browser against the test vendor (oidc-provider), whose discovery document
 * advertises S256, client_secret_basic/post and `authorization_response_iss_parameter_supported`:
 * the Issuer URL fills the form, the result panel says what changed, and the saved connector
 * authorizes end to end with the vendor's `iss` checked on the way back (SECURITY 40).
 */
import { storageStateFile } from "./support/servers";
import { callAction, test, expect } from "./support/connector-form";
import { startTestVendor, type TestVendor } from "./vendor/test-vendor";

let vendor: TestVendor;

test.beforeAll(async ({}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!;
  vendor = await startTestVendor({ autoApprove: false, redirectUris: [`${baseURL}/oauth2/redirect_url`] });
});

test.afterAll(async () => {
  await vendor?.close();
});

test("Discover fills the form from the test vendor's metadata, and the connector authorizes with iss checked", async ({
  page,
  connectorForm: form,
  tag,
  browser,
  baseURL,
}, testInfo) => {
  await form.gotoNew();
  await form.field("Issuer URL").fill(vendor.issuer);
  await page.getByRole("button", { name: "Discover", exact: true }).click();

  const result = page.getByRole("status", { name: "Discovery result" });
  await expect(result).toContainText(`Found OpenID Connect Discovery metadata at ${vendor.issuer}/.well-known/openid-configuration`);
  await expect(result).toContainText(`Auth URL: set to ${vendor.authorizationEndpoint}`);
  await expect(result).toContainText(`Access Token URL: set to ${vendor.tokenEndpoint}`);
  await expect(result).toContainText(`Revocation URL: set to ${vendor.revocationEndpoint}`);
  await expect(result).toContainText("Use PKCE: unchanged (on)");
  await expect(result).toContainText("Client Authentication: unchanged (Basic)");
  await expect(result).toContainText("Require iss on the redirect: set to on");
  await expect(form.field("Auth URL")).toHaveValue(vendor.authorizationEndpoint);
  await expect(form.field("Access Token URL")).toHaveValue(vendor.tokenEndpoint);
  await expect(form.field("Require iss on the redirect (RFC 9207)")).toBeChecked();
  await form.openAdvanced();
  await expect(form.field("Revocation URL")).toHaveValue(vendor.revocationEndpoint);

  await form.field("Name").fill(`Discovered ${tag}`);
  await form.field("Client ID").fill(vendor.clients.authCode.id);
  await form.field("Client Secret").fill(vendor.clients.authCode.secret);
  await form.addScopes(["openid", "read:items"]);
  await form.saveButton.click();
  await form.expectTab("Configuration");
  const id = form.connectorId;
  await expect(form.field("Issuer URL")).toHaveValue(vendor.issuer);
  await expect(form.field("Require iss on the redirect (RFC 9207)")).toBeChecked();

  // The vendor's redirect back carries iss; the connector requires and checks it.
  const redirects: URL[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/oauth2/redirect_url")) redirects.push(new URL(request.url()));
  });
  await form.openTab("Overview");
  await page.getByRole("button", { name: "Authorize", exact: true }).click();
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page).toHaveURL(new RegExp(`/connectors/${id}\\?event=`));
  await expect(page.getByRole("status").filter({ hasText: "Authorized." })).toBeVisible();
  await expect(page.getByTestId("token-status")).toHaveText("Active");
  expect(redirects.map((url) => url.searchParams.get("iss"))).toEqual([vendor.issuer]);
  expect(vendor.authorizationRequests()[0]?.query).toMatchObject({ code_challenge_method: "S256" });

  // A viewer sees the issuer settings read-only, and the server refuses the viewer's Discover.
  const viewer = await browser.newContext({ baseURL, storageState: storageStateFile(testInfo.project.name, "viewer") });
  const viewerPage = await viewer.newPage();
  await viewerPage.goto(`/connectors/${id}/configuration`);
  await expect(viewerPage.getByLabel("Issuer URL", { exact: true })).toBeDisabled();
  await expect(viewerPage.getByRole("button", { name: "Discover", exact: true })).toBeDisabled();
  await expect(viewerPage.getByLabel("Require iss on the redirect (RFC 9207)", { exact: true })).toBeDisabled();
  const refused = await callAction(viewerPage.request, "discoverIssuerAction", { issuerUrl: vendor.issuer });
  expect(refused).toMatchObject({ ok: false, code: "FORBIDDEN" });
  await viewer.close();
});

test("Discover refuses metadata whose issuer differs from the one entered, and changes nothing", async ({ page, connectorForm: form }) => {
  await form.gotoNew();
  await form.field("Issuer URL").fill(`${vendor.issuer}/`);
  await form.field("Issuer URL").press("Enter");
  const alert = page.getByRole("alert").filter({ hasText: "No usable metadata was found for this issuer." });
  await expect(alert).toContainText(`names the issuer "${vendor.issuer}", not "${vendor.issuer}/" as entered`);
  await expect(alert).toContainText("They differ only in the trailing slash");
  await expect(page.getByRole("status", { name: "Discovery result" })).toHaveCount(0);
  await expect(form.field("Auth URL")).toHaveValue("");
  await expect(form.field("Access Token URL")).toHaveValue("");
  await expect(page).toHaveURL(/\/connectors\/new$/);
});
