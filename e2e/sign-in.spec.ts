import { expect, test } from "./support/base-test";
import { ADMIN, VIEWER, storageStateFile } from "./support/servers";
import { SignInPage } from "./support/sign-in-page";

test.describe("signing in", () => {
  test("a wrong password is refused; the right one reaches the dashboard with a Lax, HttpOnly session cookie", async ({ page, context }) => {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(ADMIN.email, "not the password");
    await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in$/);

    await signIn.signIn(ADMIN.email, ADMIN.password);
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(["Dashboard", "Connectors", "Settings", "API"]);
    await expect(page.getByText("No connectors yet")).toBeVisible();

    const session = (await context.cookies()).find((c) => c.name.endsWith("latchkey.session"));
    expect(session?.sameSite).toBe("Lax");
    expect(session?.httpOnly).toBe(true);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("wrong passwords for one email are slowed with a clear message; other accounts still sign in", async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto();
    const alert = page.getByRole("alert").filter({ hasText: /Wrong email or password|Too many failed sign-ins/ });
    // Five free failures, then waits of 1 s, 2 s, 4 s…: within a few more tries the next one
    // comes before the wait is over, however slow this machine is.
    let throttled = false;
    for (let attempt = 0; attempt < 12 && !throttled; attempt++) {
      const answered = page.waitForResponse((response) => response.request().method() === "POST" && response.url().endsWith("/sign-in"));
      await signIn.signIn("guesser-target@latchkey.test", "not the password");
      await answered;
      throttled = /Too many failed sign-ins/.test(await alert.innerText());
    }
    expect(throttled).toBe(true);

    // No lock on anything but that email: the admin signs in from the same browser.
    await signIn.signIn(ADMIN.email, ADMIN.password);
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  });

  test("the form says what is missing before asking the server", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByText("Enter an email address")).toBeVisible();
    await expect(page.getByText("Enter your password")).toBeVisible();
  });
});

test.describe("viewer role", () => {
  test.use({ storageState: async ({}, provide, testInfo) => provide(storageStateFile(testInfo.project.name, "viewer")) });

  test("a viewer can look but not manage users", async ({ page }) => {
    await page.goto("/settings");
    await expect(page.getByRole("heading", { name: "Redirect URI" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Manage users" })).toHaveCount(0);
    await page.goto("/settings/users");
    await expect(page.getByRole("heading", { name: "Admins only" })).toBeVisible();
    await expect(page.getByText(VIEWER.email)).toHaveCount(0);
  });
});

test.describe("admin role", () => {
  test.use({ storageState: async ({}, provide, testInfo) => provide(storageStateFile(testInfo.project.name, "admin")) });

  test("an admin sees the redirect URI to register with vendors", async ({ page, baseURL }) => {
    await page.goto("/settings");
    await expect(page.getByText(`${baseURL}/oauth2/redirect_url`)).toBeVisible();
  });
});
