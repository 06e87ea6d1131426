import { expect, test as setup } from "./support/base-test";
import { ADMIN, VIEWER, storageStateFile } from "./support/servers";
import { SignInPage } from "./support/sign-in-page";

/**
 * Signs in the bootstrap admin through the real UI, invites a viewer, lets the viewer accept the
 * invitation in a separate browser context, and stores both sessions for the specs.
 */
setup("admin signs in and invites a viewer", async ({ page, browser, baseURL }, testInfo) => {
  const project = testInfo.project.name;
  await new SignInPage(page).signInAndReachDashboard(ADMIN.email, ADMIN.password);
  await page.context().storageState({ path: storageStateFile(project, "admin") });

  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("link", { name: "Manage users" }).click();
  await page.getByLabel("Email").fill(VIEWER.email);
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Invite" }).click();
  const link = await page.getByTestId("invitation-link").textContent();
  expect(link).toMatch(new RegExp(`^${baseURL}/invite/[A-Za-z0-9_-]{43}$`));

  const viewerContext = await browser.newContext({ baseURL });
  const viewerPage = await viewerContext.newPage();
  await viewerPage.goto(link!);
  await expect(viewerPage.getByRole("heading", { name: "Welcome to Latchkey" })).toBeVisible();
  await viewerPage.getByLabel("Password", { exact: true }).fill(VIEWER.password);
  await viewerPage.getByLabel("Confirm password").fill(VIEWER.password);
  await viewerPage.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(viewerPage.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(viewerPage.getByText(`${VIEWER.email} viewer`)).toBeVisible();
  await viewerContext.storageState({ path: storageStateFile(project, "viewer") });
  await viewerContext.close();

  // The link works once.
  const again = await browser.newContext({ baseURL });
  const againPage = await again.newPage();
  await againPage.goto(link!);
  await expect(againPage.getByRole("heading", { name: "Invitation not valid" })).toBeVisible();
  await again.close();
});
