/**
 * Single sign-on through the real UI against the oidc-provider test vendor: "Sign in with Test
 * Vendor" → the vendor's sign-in and consent pages → back in Latchkey. Only users an admin has
 * added get in; an account whose email the vendor has not verified is refused; once a user has
 * signed in, another vendor account that claims the same email (another `sub`) is refused.
 *
 * Standalone: the app must start with LATCHKEY_OIDC_* pointing at this spec's vendor, whose
 * client must know the app's callback URL, so the spec picks the app's port first.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "../support/base-test";
import { freePort, spawnApp, type SpawnedApp } from "../support/spawn-app";
import { SignInPage } from "../support/sign-in-page";
import { startTestVendor, type TestVendor } from "../vendor/test-vendor";

const ADMIN = { email: "admin@latchkey.test", password: "admin passphrase 123" };
/** Invited by the admin, never sets a password: signs in only with SSO. */
const ADDED_EMAIL = "alice@test-vendor.example";

let vendor: TestVendor;
let app: SpawnedApp;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  const port = await freePort();
  vendor = await startTestVendor({
    autoApprove: false,
    redirectUris: [`http://localhost:${port}/api/auth/callback/sso`],
    accounts: {
      // Same email as the added user, but the vendor has not verified it.
      "alice-unverified": { email: ADDED_EMAIL, emailVerified: false },
      // Another account at the vendor that claims the added user's email (account takeover).
      "alice-impostor": { email: ADDED_EMAIL },
    },
  });
  app = await spawnApp(
    {
      LATCHKEY_ADMIN_EMAIL: ADMIN.email,
      LATCHKEY_ADMIN_PASSWORD: ADMIN.password,
      LATCHKEY_OIDC_ISSUER: vendor.issuer,
      LATCHKEY_OIDC_CLIENT_ID: vendor.clients.authCode.id,
      LATCHKEY_OIDC_CLIENT_SECRET: vendor.clients.authCode.secret,
      LATCHKEY_OIDC_NAME: "Test Vendor",
    },
    { port },
  );
});

test.afterAll(async () => {
  await app?.stop();
  await vendor?.close();
});

/** Starts SSO from Latchkey's sign-in page and signs in at the vendor as `username`. */
async function signInAtVendor(page: Page, username: string) {
  await page.goto(`${app.baseURL}/sign-in`);
  await page.getByRole("button", { name: "Sign in with Test Vendor" }).click();
  await page.getByLabel("Username").fill(username);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Allow" }).click();
}

function refusal(page: Page, text: string) {
  return page.getByRole("alert").filter({ hasText: text });
}

test("the admin adds a user who will sign in with single sign-on", async ({ page }) => {
  await page.goto(app.baseURL);
  await new SignInPage(page).signIn(ADMIN.email, ADMIN.password);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await page.goto(`${app.baseURL}/settings/users`);
  await page.getByLabel("Email").fill(ADDED_EMAIL);
  await page.getByRole("button", { name: "Invite" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Send this link to ${ADDED_EMAIL}` })).toBeVisible();
});

test("a vendor account whose email is not verified is refused, even with an added user's email", async ({ page }) => {
  await signInAtVendor(page, "alice-unverified");
  await expect(page).toHaveURL(/\/sign-in\?error=/);
  await expect(refusal(page, "has not verified your email")).toBeVisible();
  await page.goto(app.baseURL);
  await expect(page).toHaveURL(`${app.baseURL}/sign-in`);
});

test("an added user signs in with single sign-on and lands in the console", async ({ page }) => {
  await signInAtVendor(page, "alice");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByText(`${ADDED_EMAIL} viewer`)).toBeVisible();
});

test("an email no admin has added is refused", async ({ page }) => {
  await signInAtVendor(page, "mallory");
  await expect(page).toHaveURL(/\/sign-in\?error=/);
  await expect(refusal(page, "not a Latchkey user")).toBeVisible();
});

test("another vendor account with the same email (another sub) is refused once the first is bound", async ({ page }) => {
  await signInAtVendor(page, "alice-impostor");
  await expect(page).toHaveURL(/\/sign-in\?error=/);
  await expect(refusal(page, "not the one linked to your Latchkey user")).toBeVisible();
  await page.goto(app.baseURL);
  await expect(page).toHaveURL(`${app.baseURL}/sign-in`);
});

test("the bound account still signs in", async ({ page }) => {
  await signInAtVendor(page, "alice");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByText(`${ADDED_EMAIL} viewer`)).toBeVisible();
});
