import { expect, test } from "./support/connector-form";
import { TEST_RSA_PRIVATE_KEY } from "./vendor/client-keys";

/**
 * Starting a connector from the vendor catalog, as an admin would: the Vendor control, template
 * variables that rewrite the URLs as they are typed, the refusal while one is unfilled, and the
 * connector remembering its preset.
 */
test.describe("connectors from vendor presets", () => {
  test("Microsoft Entra ID: the Tenant field fills the URLs, is required at save, and the connector remembers its preset", async ({
    page,
    connectorForm: form,
    tag,
  }) => {
    await form.gotoNew();
    await page.waitForLoadState("networkidle");
    const vendor = page.getByLabel("Vendor", { exact: true });
    await expect(vendor).toHaveValue("");
    await expect(vendor.locator("option").first()).toHaveText("Other (generic OAuth 2.0)");

    await page.getByLabel("Search the catalog").fill("microsoft");
    await expect(vendor.locator("option")).toHaveText(["Other (generic OAuth 2.0)", "Microsoft Entra ID", "Microsoft Intune"]);
    await vendor.selectOption({ label: "Microsoft Entra ID" });

    await expect(form.field("Name")).toHaveValue("Microsoft Entra ID");
    await expect(form.radio("Grant Type", "Client Credentials")).toBeChecked();
    await expect(form.field("Access Token URL")).toHaveValue("https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token");
    await expect(form.scopeChips).toHaveText([/https:\/\/graph\.microsoft\.com\/\.default/]);
    await expect(page.locator('[data-preset-mark="tokenUrl"]')).toHaveText("From preset");

    // Saving with the variable empty is refused, naming it.
    await form.field("Name").fill(`Entra ${tag}`);
    await form.field("Client ID").fill(`entra-app-${tag}`);
    await form.field("Client Secret").fill(`entra-secret-${tag}`);
    await form.saveButton.click();
    await expect(page.getByText("Enter the Tenant ({tenant}): the Access Token URL still contains {tenant}")).toBeVisible();
    await expect(page).toHaveURL(/\/connectors\/new$/);

    // The URLs follow the variable as it is typed.
    await form.field("Tenant").pressSequentially("contoso.onmicrosoft.com");
    await expect(form.field("Access Token URL")).toHaveValue("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token");

    // An edited value is the admin's: it loses its mark and stays as typed.
    await form.field("API Base URL").fill("https://graph.microsoft.com/beta");
    await expect(page.locator('[data-preset-mark="apiBaseUrl"]')).toHaveCount(0);

    await form.saveButton.click();
    await form.expectTab("Configuration");
    await page.reload();
    await expect(page.getByText("Started from the Microsoft Entra ID preset (version 1).")).toBeVisible();
    await expect(form.field("Tenant")).toHaveValue("contoso.onmicrosoft.com");
    await expect(form.field("Access Token URL")).toHaveValue("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token");
    await expect(form.field("API Base URL")).toHaveValue("https://graph.microsoft.com/beta");
  });

  test("Okta and Slack: a domain variable and a vendor without variables, each saved from its preset", async ({ page, connectorForm: form, tag }) => {
    await form.gotoNew();
    await page.waitForLoadState("networkidle");
    const vendor = page.getByLabel("Vendor", { exact: true });
    await vendor.selectOption({ label: "Okta" });
    await expect(form.field("Okta domain")).toBeVisible();
    await form.field("Okta domain").fill("acme.okta.com");
    await expect(form.field("Access Token URL")).toHaveValue(/^https:\/\/acme\.okta\.com\//);
    await form.field("Name").fill(`Okta ${tag}`);
    await form.field("Client ID").fill(`okta-${tag}`);
    // Okta API Services apps sign in with a signed JWT: the preset chooses it, and the key replaces a secret.
    await expect(form.radio("Client Authentication", "Signed JWT (private_key_jwt)")).toBeChecked();
    await expect(form.field("Client Secret")).toHaveCount(0);
    await form.field("Private Key").fill(TEST_RSA_PRIVATE_KEY);
    await form.saveButton.click();
    await form.expectTab("Configuration");
    await expect(page.getByText(/^Started from the Okta preset \(version \d+\)\.$/)).toBeVisible();

    await form.gotoNew();
    await page.waitForLoadState("networkidle");
    await vendor.selectOption({ label: "Slack" });
    await expect(form.radio("Scope separator", "Comma")).toBeChecked();
    await expect(form.field("Auth URL")).toHaveValue("https://slack.com/oauth/v2/authorize");
    await page.getByText("What to know about Slack").click();
    await expect(page.getByText(/authed_user/).first()).toBeVisible();
    // Back to the generic form: what the preset filled is cleared again.
    await vendor.selectOption({ label: "Other (generic OAuth 2.0)" });
    await expect(form.field("Auth URL")).toHaveValue("");
    await vendor.selectOption({ label: "Slack" });
    await form.field("Name").fill(`Slack ${tag}`);
    await form.field("Client ID").fill(`slack-${tag}`);
    await form.saveButton.click();
    await form.expectTab("Configuration");
    await page.reload();
    await expect(form.field("Auth URL")).toHaveValue("https://slack.com/oauth/v2/authorize");
    await expect(form.radio("Scope separator", "Comma")).toBeChecked();
  });
});
