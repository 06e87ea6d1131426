import { expect, type Page } from "@playwright/test";

/** The sign-in page, driven by its labels like a person would. */
export class SignInPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/sign-in");
  }

  async signIn(email: string, password: string) {
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in", exact: true }).click();
  }

  async signInAndReachDashboard(email: string, password: string) {
    await this.goto();
    await this.signIn(email, password);
    await expect(this.page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  }
}
