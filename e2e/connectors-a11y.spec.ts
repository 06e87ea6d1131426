import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { authCodeSpec, expect, test, type ConnectorSpec } from "./support/connector-form";
import { arrowToRadio } from "./support/keyboard";

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Presses Tab until `target` has focus; fails if it never does (unreachable, or out of order). */
async function tabTo(page: Page, target: Locator, maxPresses = 40) {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

test.describe("connector pages: accessibility", () => {
  test("axe finds no serious or critical violations on the list, new and edit pages", async ({ page, connectorForm: form, tag }) => {
    const spec = authCodeSpec(tag);
    await form.gotoNew();
    expect(await seriousViolations(page)).toEqual([]);

    // The form with the advanced section open, rows present, and validation messages shown.
    await form.openAdvanced();
    await form.addRows("Token request", "headers", [{ name: "Host", value: "x" }]);
    await form.addRows("Auth request", "params", [{ name: "prompt", value: "consent" }]);
    await form.saveButton.click();
    await expect(form.field("Name")).toHaveAttribute("aria-invalid", "true");
    expect(await seriousViolations(page)).toEqual([]);

    page.on("dialog", (dialog) => void dialog.accept()); // leaving the invalid draft behind
    const id = await form.create(spec);
    await form.openAdvanced();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: `Delete ${spec.name}` }).click();
    await expect(page.getByRole("alertdialog")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto("/connectors");
    await expect(page.getByRole("link", { name: spec.name, exact: true })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: `Actions for ${spec.name}`, exact: true }).click(); // the row's actions menu, open
    await expect(page.getByRole("menu")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    expect(id).toBeTruthy();
  });

  test("the whole form can be filled and saved with the keyboard alone", async ({ page, connectorForm: form, tag }) => {
    const spec: ConnectorSpec = {
      ...authCodeSpec(tag),
      name: `Keyboard ${tag}`,
      placement: "Request URL",
      queryParamName: "token",
      scopes: ["read", "write"],
      scopeSeparator: "Comma",
      clientAuth: "Send client credentials in body",
      usePkce: false,
      authParams: [{ name: "prompt", value: "consent" }],
      tokenHeaders: [{ name: "X-Api-Version", value: "7" }],
      tokenParams: [],
      refreshHeaders: [],
      refreshParams: [{ name: "resource", value: "files" }],
    };
    const type = (text: string) => page.keyboard.type(text);
    await form.gotoNew();

    await tabTo(page, form.field("Name"));
    await type(spec.name);
    await tabTo(page, form.radio("Add auth data to", "Request Header"));
    await arrowToRadio(page, "ArrowRight", form.radio("Add auth data to", "Request URL"));
    await tabTo(page, form.field("Query Parameter Name"));
    await page.keyboard.press("ControlOrMeta+A");
    await type(spec.queryParamName!);
    await tabTo(page, form.radio("Grant Type", "Authorization Code"));
    await tabTo(page, form.field("Auth URL"));
    await type(spec.authUrl!);
    await tabTo(page, form.field("Access Token URL"));
    await type(spec.tokenUrl);
    await tabTo(page, form.field("Client ID"));
    await type(spec.clientId);
    await tabTo(page, form.field("Client Secret"));
    await type(spec.clientSecret!);
    await tabTo(page, form.field("Scope"));
    for (const scope of spec.scopes) {
      await type(scope);
      await page.keyboard.press("Enter"); // adds the value; does not submit
    }
    await expect(form.scopeChips).toHaveCount(2);
    await tabTo(page, form.radio("Scope separator", "Space"));
    await arrowToRadio(page, "ArrowRight", form.radio("Scope separator", "Comma"));
    await tabTo(page, form.radio("Client Authentication", "Send as Basic Auth header"));
    await arrowToRadio(page, "ArrowRight", form.radio("Client Authentication", "Send client credentials in body"));
    await tabTo(page, form.field("Refresh Token URL"));
    await type(spec.refreshUrl);
    await tabTo(page, form.field("API Base URL"));
    await type(spec.apiBaseUrl);
    await tabTo(page, form.field("Use PKCE"));
    await page.keyboard.press("Space");

    await tabTo(page, form.advancedSummary);
    await page.keyboard.press("Enter");
    await expect(form.group("Token request")).toBeVisible();
    const rows: [Parameters<typeof form.editor>, { name: string; value: string }][] = [
      [["Auth request", "params"], spec.authParams[0]!],
      [["Token request", "headers"], spec.tokenHeaders[0]!],
      [["Refresh request", "params"], spec.refreshParams[0]!],
    ];
    for (const [[block, kind], row] of rows) {
      await tabTo(page, form.editor(block, kind).getByRole("button", { name: /^Add / }));
      await page.keyboard.press("Enter");
      await expect(form.rowField(block, kind, "name", 1)).toBeFocused();
      await type(row.name);
      await page.keyboard.press("Tab");
      await type(row.value);
      if (block === "Token request") {
        await tabTo(page, form.radio("Token request body format", "Form (application/x-www-form-urlencoded)"));
        await arrowToRadio(page, "ArrowRight", form.radio("Token request body format", "JSON"));
      }
    }
    await tabTo(page, form.field("Send scope on refresh"));
    await page.keyboard.press("Space");
    await tabTo(page, form.field("Revocation URL"));
    await type(spec.revocationUrl);
    await tabTo(page, form.saveButton);
    await page.keyboard.press("Enter");

    await form.expectTab("Configuration");
    await page.reload();
    await form.expectValues(spec, { secretSet: true });
  });
});
