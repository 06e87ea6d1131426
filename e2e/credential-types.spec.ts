/**
 * The connector form's other ways in (issue 12), driven like an admin would: Credential Type API
 * Key and Basic Auth hide the OAuth fields and keep their values, store the credential write-only
 * and get their token locally (No known expiry); JWT Bearer fills itself from a pasted Google service account key; the
 * Grant type value belongs to Client Credentials.
 */
import { expect, test } from "./support/connector-form";
import { TEST_RSA_PRIVATE_KEY } from "./vendor/client-keys";

test("API Key and Basic Auth: OAuth fields hidden but kept, credentials write-only, and Get token makes them usable", async ({
  page,
  connectorForm: form,
  tag,
}) => {
  await form.gotoNew();
  await form.field("Name").fill(`Kandji ${tag}`);
  await form.field("Client ID").fill(`kept-${tag}`);
  await form.radio("Credential Type", "API Key").check();
  for (const hidden of ["Access Token URL", "Client ID", "Client Secret", "Auth URL", "Redirect URI"]) await expect(form.field(hidden)).toHaveCount(0);
  await expect(form.group("Grant Type")).toHaveCount(0);
  await expect(form.group("Client Authentication")).toHaveCount(0);
  await expect(form.field("API key")).toHaveAttribute("type", "password");
  await expect(form.field("Header Name")).toHaveValue("Authorization");
  await form.field("API key").fill(`kandji-key-${tag}`);
  await form.field("Header Name").fill("X-Api-Key");
  await form.field("Header Prefix").fill("");
  await form.field("API Base URL").fill("https://acme.api.kandji.example.com/api/v1");
  // Switching back shows the OAuth values as they were.
  await form.radio("Credential Type", "OAuth 2.0").check();
  await expect(form.field("Client ID")).toHaveValue(`kept-${tag}`);
  await form.radio("Credential Type", "API Key").check();
  await form.saveButton.click();

  await form.expectTab("Configuration");
  await expect(form.radio("Credential Type", "API Key")).toBeChecked();
  await expect(form.group("API key").getByText("An API key is set", { exact: true })).toBeVisible();
  await expect(form.field("Header Name")).toHaveValue("X-Api-Key");
  await expect(page.locator("input[type=password]")).toHaveCount(0);
  await form.openTab("Overview");
  await page.getByRole("button", { name: "Get token", exact: true }).click();
  // A static credential has no expiry of its own (the dashboard says the same).
  await expect(page.getByTestId("token-status")).toHaveText("No known expiry");
  await expect(page.getByText(`kandji-key-${tag}`)).toHaveCount(0);

  // Basic Auth: user name and password, both write-only; no "Add auth data to" (always Authorization: Basic).
  await form.openTab("Configuration");
  await form.radio("Credential Type", "Basic Auth").check();
  await expect(form.group("Add auth data to")).toHaveCount(0);
  await form.field("User name").fill(`freshservice-key-${tag}`);
  await form.field("Password").fill("X");
  await form.saveButton.click();
  await expect(page.getByRole("status").filter({ hasText: /^Saved/ })).toBeVisible();
  await expect(form.group("User name").getByText("A user name is set", { exact: true })).toBeVisible();
  await expect(form.group("Password").getByText("A password is set", { exact: true })).toBeVisible();
  // Replace opens an empty input; Cancel keeps the stored value.
  await form.group("Password").getByRole("button", { name: "Replace" }).click();
  await expect(form.field("Password")).toBeFocused();
  await expect(form.field("Password")).toHaveValue("");
  await page.getByRole("button", { name: "Cancel", exact: true }).click();
  await expect(form.group("Password").getByText("A password is set", { exact: true })).toBeVisible();
});

test("JWT Bearer fills itself from a pasted Google service account key; Grant type value is for Client Credentials", async ({ page, connectorForm: form }) => {
  await form.gotoNew();
  await form.radio("Grant Type", "Client Credentials").check();
  await form.openAdvanced();
  await expect(form.field("Grant type value")).toHaveValue("client_credentials");
  await form.radio("Grant Type", "JWT Bearer").check();
  await expect(form.field("Grant type value")).toHaveCount(0);
  await expect(form.field("Auth URL")).toHaveCount(0);
  await expect(form.field("Client ID")).not.toHaveAttribute("aria-required", "true");
  await expect(form.field("JWT Audience")).toHaveAccessibleDescription(/defaults to the Access Token URL/);

  await page.getByText("Paste a Google service account key").click();
  const json = form.field("Service account key (JSON)");
  await json.fill('{"type":"authorized_user","client_id":"x","refresh_token":"1//secret"}');
  await page.getByRole("button", { name: "Use this key" }).click();
  await expect(page.getByRole("alert").filter({ hasText: 'This file\'s type is "authorized_user"' })).toBeVisible();
  await expect(form.field("JWT Issuer")).toHaveValue("");

  const email = "directory-sync@latchkey-test.iam.gserviceaccount.com";
  await json.fill(
    JSON.stringify({
      type: "service_account",
      private_key_id: "abc123",
      private_key: TEST_RSA_PRIVATE_KEY,
      client_email: email,
      token_uri: "https://oauth2.googleapis.com/token",
    }),
  );
  await page.getByRole("button", { name: "Use this key" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Filled from the key of ${email}` })).toBeVisible();
  await expect(json).toHaveValue("");
  await expect(form.field("Private Key")).toHaveValue(TEST_RSA_PRIVATE_KEY.trim());
  await expect(form.field("Key ID")).toHaveValue("abc123");
  await expect(form.field("JWT Issuer")).toHaveValue(email);
  await expect(form.field("Access Token URL")).toHaveValue("https://oauth2.googleapis.com/token");
  await expect(form.field("Signing algorithm")).toHaveValue("RS256");
  await expect(form.radio("Scopes in the JWT", "As a scope claim in the assertion")).toBeChecked();
});
