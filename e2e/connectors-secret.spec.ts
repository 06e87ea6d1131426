import type { Page } from "@playwright/test";
import { authCodeSpec, expect, test } from "./support/connector-form";

interface Captured {
  url: string;
  status: number;
  type: string;
  action: boolean;
  body: string;
}

/**
 * Records every response body the page receives: documents, RSC payloads, server action results.
 * Each request goes through `route.fetch`, so the whole body is captured before the browser gets
 * it (`response.text()` loses bodies once the page navigates on).
 */
async function recordResponses(page: Page): Promise<Captured[]> {
  const seen: Captured[] = [];
  await page.route("**/*", async (route) => {
    const request = route.request();
    const response = await route.fetch({ maxRedirects: 0 });
    seen.push({
      url: request.url(),
      status: response.status(),
      type: response.headers()["content-type"] ?? "",
      action: Boolean(request.headers()["next-action"]),
      body: (await response.body()).toString("utf8"),
    });
    await route.fulfill({ response }).catch(() => undefined); // the browser may have dropped the request (e.g. a prefetch) meanwhile
  });
  return seen;
}

test("the client secret never reaches the browser: not in HTML, RSC payloads or action responses", async ({ page, connectorForm: form, tag }) => {
  const spec = authCodeSpec(tag);
  const secret = spec.clientSecret!;
  const replacement = `s3cr3t-${tag}-replacement`;
  const all = await recordResponses(page);

  // Create, land on the edit page, reload.
  const id = await form.create(spec);
  await expect(page.getByText("A secret is set", { exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByText("A secret is set", { exact: true })).toBeVisible();

  // Edit another field and save (the secret is kept), then replace the secret and save.
  await form.field("Client ID").fill(`${spec.clientId}-2`);
  await form.saveButton.click();
  await expect(page.getByRole("status").filter({ hasText: /^Saved$/ })).toBeVisible();
  await page.getByRole("button", { name: "Replace" }).click();
  await form.field("Client Secret").fill(replacement);
  await form.saveButton.click();
  await expect(page.getByRole("status").filter({ hasText: /^Saved$/ })).toBeVisible();
  await expect(page.locator("input[type=password]")).toHaveCount(0);

  // Navigate client-side (RSC payload) and reload (HTML) once more.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connectors" }).click();
  await page.getByRole("link", { name: spec.name, exact: true }).click();
  await expect(page.getByText("A secret is set", { exact: true })).toBeVisible();
  await page.reload();
  await expect(form.field("Client ID")).toHaveValue(`${spec.clientId}-2`);
  await page.unrouteAll({ behavior: "wait" });

  const documents = all.filter((r) => r.type.includes("text/html") && r.url.includes(`/connectors/${id}`));
  const rsc = all.filter((r) => r.type.includes("text/x-component") && !r.action);
  const actions = all.filter((r) => r.action);
  // The recording is real and complete: every page and payload has its body, and they carry the connector's other values.
  expect(all.filter((r) => r.status === 200 && (r.type.includes("text/html") || r.type.includes("text/x-component")) && r.body === "").map((r) => r.url)).toEqual([]);
  expect(documents.length).toBeGreaterThanOrEqual(2);
  expect(rsc.length).toBeGreaterThanOrEqual(1);
  expect(actions.length).toBeGreaterThanOrEqual(3);
  expect(documents.some((r) => r.body.includes(`${spec.clientId}-2`))).toBe(true);
  expect(rsc.some((r) => r.body.includes(spec.clientId))).toBe(true);
  expect(actions.some((r) => r.body.includes('"ok":true'))).toBe(true);

  for (const r of all) {
    expect(r.body, `${r.url} (${r.type})`).not.toContain(secret);
    expect(r.body, `${r.url} (${r.type})`).not.toContain(replacement);
  }
  const html = await page.content();
  expect(html).not.toContain(secret);
  expect(html).not.toContain(replacement);
});
