import { expect, test } from "../support/base-test";
import { spawnApp, type SpawnedApp } from "../support/spawn-app";
import { SignInPage } from "../support/sign-in-page";

/** A fresh installation without LATCHKEY_ADMIN_*: the first visit offers a one-time set-up page. */
let app: SpawnedApp;

test.beforeAll(async () => {
  app = await spawnApp();
});

test.afterAll(async () => {
  await app?.stop();
});

test("the first visit creates the first admin, once", async ({ page, browser }) => {
  await page.goto(app.baseURL);
  await expect(page).toHaveURL(`${app.baseURL}/setup`);
  await expect(page.getByRole("heading", { name: "Create the first admin" })).toBeVisible();

  await page.getByLabel("Email").fill("first@example.com");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Confirm password").fill("different");
  await page.getByRole("button", { name: "Create the first admin" }).click();
  await expect(page.getByText("Use at least 12 characters")).toBeVisible();

  await page.getByLabel("Password", { exact: true }).fill("first admin passphrase");
  await page.getByLabel("Confirm password").fill("first admin passphrase");
  await page.getByRole("button", { name: "Create the first admin" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByText("first@example.com admin")).toBeVisible();

  // The set-up page is gone for everyone now.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto(`${app.baseURL}/setup`);
  await expect(otherPage).toHaveURL(`${app.baseURL}/sign-in`);
  await new SignInPage(otherPage).signIn("first@example.com", "first admin passphrase");
  await expect(otherPage.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await other.close();
});
