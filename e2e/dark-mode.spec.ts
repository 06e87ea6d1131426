/**
 * Dark mode (issue 13): every console page and the sign-in page pass axe in the light and the
 * dark theme, whether the theme comes from the system (System, the default) or from the "Theme"
 * control in the header, and a chosen theme survives a reload.
 *
 * A connector with a real token (client credentials at the test vendor) gives the dashboard and
 * the connector page their status badges, token panel and history, so the status colours are
 * checked too; the dashboard's tiles show all nine status colours whatever the counts.
 * Both suites build on the CSP fixture: the theme script runs under the nonce or the test fails.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test as base } from "./support/base-test";
import { arrowToRadio } from "./support/keyboard";
import { startTestVendor, type TestVendor } from "./vendor/test-vendor";
import { callAction, createClientCredentialsConnector, expect, test } from "./support/connector-form";

type Scheme = "light" | "dark";

let vendor: TestVendor;

test.beforeAll(async () => {
  vendor = await startTestVendor();
});
test.afterAll(async () => {
  await vendor?.close();
});

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => `${n.target.join(" ")} ${n.failureSummary ?? ""}`).join(", ")}`);
}

/** Opens `path`, waits for its page heading and checks <html> carries the theme class `scheme` wants. */
async function openInScheme(page: Page, path: string, scheme: Scheme) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await expectTheme(page, scheme);
}

async function expectTheme(page: Page, scheme: Scheme) {
  const html = page.locator("html");
  if (scheme === "dark") await expect(html).toHaveClass(/(^|\s)dark(\s|$)/);
  else await expect(html).not.toHaveClass(/(^|\s)dark(\s|$)/);
}

function themeChoice(page: Page, choice: "System" | "Light" | "Dark") {
  return page.getByRole("radiogroup", { name: "Theme" }).getByRole("radio", { name: choice, exact: true });
}

test.describe("console pages follow the system theme and pass axe in both", () => {
  for (const scheme of ["light", "dark"] as const) {
    test(`${scheme}: no serious or critical violations on any console page`, async ({ page, request, tag }) => {
      const name = `Dark Mode Ledger ${tag}`;
      const id = await createClientCredentialsConnector(request, name, {
        tokenUrl: vendor.tokenEndpoint,
        clientId: vendor.clients.machine.id,
        clientSecret: vendor.clients.machine.secret,
        scopes: ["api"],
      });
      expect(await callAction(request, "getTokenAction", { id })).toMatchObject({ ok: true, data: { succeeded: true } });

      await page.emulateMedia({ colorScheme: scheme });
      const paths = [
        "/",
        "/connectors",
        "/connectors/new",
        `/connectors/${id}`,
        `/connectors/${id}/configuration`,
        `/connectors/${id}/test`,
        `/connectors/${id}/history`,
        "/settings",
        "/settings/users",
        "/settings/api-keys",
        "/api-docs",
      ];
      for (const path of paths) {
        await openInScheme(page, path, scheme);
        if (path === "/") await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
        if (path === `/connectors/${id}`) await expect(page.getByText("Active", { exact: true }).first()).toBeVisible();
        // System is the default: nothing stored yet.
        await expect(themeChoice(page, "System")).toBeChecked();
        expect(await seriousViolations(page), `${path} in ${scheme}`).toEqual([]);
      }
    });
  }

  test("the Theme control overrides the system, and the choice survives a reload", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await openInScheme(page, "/", "light");

    await themeChoice(page, "Dark").click();
    await expect(themeChoice(page, "Dark")).toBeChecked();
    await expectTheme(page, "dark");
    expect(await seriousViolations(page)).toEqual([]);

    await page.reload();
    await expectTheme(page, "dark");
    await expect(themeChoice(page, "Dark")).toBeChecked();
    // It follows the user to other pages.
    await page.getByRole("link", { name: "Settings" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
    await expectTheme(page, "dark");

    // Light wins over a dark system; System hands control back. Arrow keys move the choice.
    await page.emulateMedia({ colorScheme: "dark" });
    await themeChoice(page, "Light").click();
    await expectTheme(page, "light");
    await themeChoice(page, "Light").focus();
    await arrowToRadio(page, "ArrowLeft", themeChoice(page, "System"));
    await expectTheme(page, "dark");
    await page.reload();
    await expect(themeChoice(page, "System")).toBeChecked();
    await expectTheme(page, "dark");
  });
});

base.describe("the sign-in page in both themes", () => {
  base.use({ storageState: { cookies: [], origins: [] } });

  for (const scheme of ["light", "dark"] as const) {
    base(`${scheme}: no serious or critical violations`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await openInScheme(page, "/sign-in", scheme);
      await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  base("the Theme control is there before sign-in too", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await openInScheme(page, "/sign-in", "light");
    await themeChoice(page, "Dark").click();
    await expectTheme(page, "dark");
    await page.reload();
    await expect(themeChoice(page, "Dark")).toBeChecked();
    await expectTheme(page, "dark");
  });
});
