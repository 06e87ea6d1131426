/**
 * Signed JWT client authentication (private_key_jwt, RFC 7523 §2.2) in a real browser: an admin
 * creates a connector by pasting the private key of the test vendor's Signed JWT client, clicks
 * Get token, and the vendor (oidc-provider, which checks the assertion's signature and claims)
 * issues a token. The private key never comes back: not in the HTML, the RSC payloads or any
 * action response (SECURITY 10, 44). Generate key pair then shows only the public key, which the
 * connector's JWKS URL serves.
 */
import { expect, test } from "./support/connector-form";
import { recordResponses } from "./support/record-responses";
import { TEST_RSA_KEY_ID, TEST_RSA_PRIVATE_KEY } from "./vendor/client-keys";
import { PRIVATE_KEY_JWT_CLIENT } from "./vendor/test-clients";
import { startTestVendor, type TestVendor } from "./vendor/test-vendor";

const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/** Each base64 line of the key: found in a body however the PEM's line breaks were escaped there. */
const KEY_LINES = TEST_RSA_PRIVATE_KEY.split("\n").filter((line) => line !== "" && !line.startsWith("-----"));

let vendor: TestVendor;

test.beforeAll(async ({}, testInfo) => {
  vendor = await startTestVendor({ autoApprove: true, redirectUris: [`${testInfo.project.use.baseURL}/oauth2/redirect_url`] });
});
test.afterAll(async () => {
  await vendor?.close();
});

test("a Signed JWT connector made by pasting a private key gets a token, and the key never reaches the browser", async ({ page, connectorForm: form, tag }) => {
  const all = await recordResponses(page);
  const name = `Okta service app ${tag}`;

  await form.gotoNew();
  await expect(form.radio("Credential Type", "OAuth 2.0")).toBeChecked();
  await form.field("Name").fill(name);
  await form.radio("Grant Type", "Client Credentials").check();
  await form.field("Access Token URL").fill(vendor.tokenEndpoint);
  await form.field("Client ID").fill(PRIVATE_KEY_JWT_CLIENT.id);
  await form.addScopes(["api"]);
  await expect(form.field("Client Secret")).toBeVisible();
  await form.radio("Client Authentication", "Signed JWT (private_key_jwt)").check();
  // A signed assertion replaces the secret; a key pair can only be generated for a saved connector.
  await expect(form.field("Client Secret")).toHaveCount(0);
  await expect(page.getByText(/Save first, then Generate key pair/)).toBeVisible();
  await expect(form.field("Signing algorithm")).toHaveValue("RS256");
  await form.field("Private Key").fill(TEST_RSA_PRIVATE_KEY);
  await form.field("Key ID").fill(TEST_RSA_KEY_ID);
  await form.saveButton.click();

  await form.expectTab("Configuration");
  const id = form.connectorId;
  await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
  await expect(form.radio("Client Authentication", "Signed JWT (private_key_jwt)")).toBeChecked();
  await expect(form.group("Private Key").getByText("A private key is set", { exact: true })).toBeVisible();
  await expect(form.field("Key ID")).toHaveValue(TEST_RSA_KEY_ID);

  vendor.requests.length = 0;
  await form.openTab("Overview");
  await page.getByRole("button", { name: "Get token", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Token obtained" })).toBeVisible();
  await expect(page.getByTestId("token-status")).toHaveText("Active");
  // The vendor got an assertion instead of a secret.
  const [request] = vendor.tokenRequests();
  expect(request?.body).toMatchObject({ grant_type: "client_credentials", client_assertion_type: CLIENT_ASSERTION_TYPE, scope: "api" });
  expect(request?.body.client_secret).toBeUndefined();
  expect(request?.headers.authorization).toBeUndefined();
  const [header] = String(request?.body.client_assertion).split(".");
  expect(JSON.parse(Buffer.from(header!, "base64url").toString("utf8"))).toMatchObject({ alg: "RS256", kid: TEST_RSA_KEY_ID });

  // Edit another field and save: the stored key is kept (Get token still works).
  await form.openTab("Configuration");
  await form.field("API Base URL").fill("https://api.okta.example.com");
  await form.saveButton.click();
  await expect(page.getByRole("status").filter({ hasText: /^Saved$/ })).toBeVisible();
  await form.openTab("Overview");
  await page.getByRole("button", { name: "Refresh now", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Token refreshed." })).toBeVisible();
  await expect(page.getByTestId("token-status")).toHaveText("Active");

  // Client-side navigation (RSC payload) and a reload (HTML).
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connectors" }).click();
  await page.getByRole("link", { name, exact: true }).click();
  await form.openTab("Configuration");
  await expect(form.group("Private Key").getByText("A private key is set", { exact: true })).toBeVisible();
  await page.reload();
  await expect(form.field("API Base URL")).toHaveValue("https://api.okta.example.com");

  // The pasted key's public half is shown for the vendor's console, under the connector's Key ID, as its JWKS URL serves it.
  const jwksUrl = form.field("JWKS URL");
  await expect(jwksUrl).toHaveValue(new RegExp(`/api/v1/connectors/${id}/jwks\\.json$`));
  const pasted = JSON.parse(await form.field("Public key (JWK)").inputValue()) as Record<string, unknown>;
  expect(pasted).toMatchObject({ kty: "RSA", kid: TEST_RSA_KEY_ID });
  expect(pasted.d).toBeUndefined();

  // Generate key pair: confirmed (it replaces the stored key), then only the new public key is shown.
  await page.getByRole("button", { name: "Generate key pair", exact: true }).click();
  await page.getByRole("button", { name: "Replace the key pair", exact: true }).click();
  await expect(form.field("Key ID")).not.toHaveValue(TEST_RSA_KEY_ID);
  await expect(page.getByRole("button", { name: "Generate key pair", exact: true })).toBeEnabled();
  const shown = JSON.parse(await form.field("Public key (JWK)").inputValue()) as Record<string, unknown>;
  expect(shown).toMatchObject({ kty: "RSA", alg: "RS256", kid: expect.any(String) });
  expect(shown.n).not.toBe(pasted.n);
  await expect(form.field("Key ID")).toHaveValue(String(shown.kid));
  const jwks = (await (await page.request.get(await jwksUrl.inputValue())).json()) as { keys: Record<string, unknown>[] };
  expect(jwks.keys).toEqual([expect.objectContaining({ kid: shown.kid, n: shown.n, e: shown.e })]);
  await page.unrouteAll({ behavior: "wait" });

  const documents = all.filter((r) => r.type.includes("text/html") && r.url.includes(`/connectors/${id}`));
  const rsc = all.filter((r) => r.type.includes("text/x-component") && !r.action);
  const actions = all.filter((r) => r.action);
  // The recording is real: pages and payloads have bodies that carry the connector's other values.
  expect(documents.length).toBeGreaterThanOrEqual(1);
  expect(rsc.length).toBeGreaterThanOrEqual(1);
  expect(actions.length).toBeGreaterThanOrEqual(4);
  expect(documents.some((r) => r.body.includes(TEST_RSA_KEY_ID))).toBe(true);
  expect(rsc.some((r) => r.body.includes(PRIVATE_KEY_JWT_CLIENT.id))).toBe(true);

  for (const r of all) {
    for (const line of KEY_LINES) expect(r.body, `${r.url} (${r.type})`).not.toContain(line);
  }
  // The generated key's private members (RFC 7518 §6.3.2) are in no answer either: the JWK is public only.
  const generated = actions.find((r) => r.body.includes(String(shown.n)));
  expect(generated, "the Generate key pair answer").toBeDefined();
  // A JWK member whose value is base64url key material; quotes may be escaped inside an RSC string.
  const privateMember = /\\?"(d|p|q|dp|dq|qi)\\?":\\?"[A-Za-z0-9_-]{16,}/;
  for (const r of all) expect(r.body, `${r.url} (${r.type})`).not.toMatch(privateMember);
  const html = await page.content();
  for (const line of KEY_LINES) expect(html).not.toContain(line);
});
