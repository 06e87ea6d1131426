import { randomBytes } from "node:crypto";
import { authCodeSpec, expect, test } from "./support/connector-form";
import { recordResponses } from "./support/record-responses";

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
  // The form puts the saved values into its fields when it hydrates: type only after that.
  await expect(form.field("Client ID")).toHaveValue(spec.clientId);

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
  await form.openTab("Configuration");
  await expect(page.getByText("A secret is set", { exact: true })).toBeVisible();
  await page.reload();
  await expect(form.field("Client ID")).toHaveValue(`${spec.clientId}-2`);
  await page.unrouteAll({ behavior: "wait" });

  const documents = all.filter((r) => r.type.includes("text/html") && r.url.includes(`/connectors/${id}`));
  const rsc = all.filter((r) => r.type.includes("text/x-component") && !r.action);
  const actions = all.filter((r) => r.action);
  // The recording is real and complete: every page and payload has its body, and they carry the connector's other values.
  expect(
    all.filter((r) => r.status === 200 && (r.type.includes("text/html") || r.type.includes("text/x-component")) && r.body === "").map((r) => r.url),
  ).toEqual([]);
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

test("a secret extra never reaches the browser: not in HTML, RSC payloads or action responses, and Duplicate does not copy it", async ({
  page,
  connectorForm: form,
  tag,
}) => {
  const spec = authCodeSpec(tag);
  const headerValue = `xk-${tag}-${randomBytes(6).toString("hex")}`;
  const paramValue = `xp-${tag}-${randomBytes(6).toString("hex")}`;
  const replacement = `xk-${tag}-replacement`;
  const STORED = "Stored — type a new value to replace it";
  const all = await recordResponses(page);
  const keyValue = () => form.rowField("Token request", "headers", "value", 3);
  const seedValue = () => form.rowField("Refresh request", "params", "value", 2);
  const row = (block: "Token request" | "Refresh request", kind: "headers" | "params", n: number) =>
    form
      .editor(block, kind)
      .getByRole("listitem")
      .nth(n - 1);

  await form.gotoNew();
  await form.fill({
    ...spec,
    tokenHeaders: [...spec.tokenHeaders, { name: "X-Api-Key", value: headerValue }],
    refreshParams: [...spec.refreshParams, { name: "signing_seed", value: paramValue }],
  });
  // A name that looks secret ticks Secret by itself; the value becomes a password field.
  await expect(row("Token request", "headers", 3).getByRole("checkbox", { name: "Secret" })).toBeChecked();
  await expect(row("Token request", "headers", 3).getByRole("checkbox")).toHaveAccessibleName("Secret header 3");
  await expect(keyValue()).toHaveAttribute("type", "password");
  await expect(row("Token request", "headers", 1).getByRole("checkbox", { name: "Secret" })).not.toBeChecked();
  // Any other row can be made secret by hand; what was typed stays.
  await row("Refresh request", "params", 2).getByRole("checkbox", { name: "Secret" }).check();
  await expect(seedValue()).toHaveAttribute("type", "password");
  await expect(seedValue()).toHaveValue(paramValue);
  // Auth request parameters travel in the browser's address bar: no Secret checkbox there, and the form says why.
  await expect(form.editor("Auth request", "params").getByRole("checkbox")).toHaveCount(0);
  await expect(form.editor("Auth request", "params")).toHaveAccessibleDescription(/None of these can be secret/);
  await form.saveButton.click();
  await form.expectTab("Configuration");
  await expect(page.getByRole("heading", { name: spec.name, exact: true })).toBeVisible();
  const id = form.connectorId;

  // Stored: an empty write-only field that says so.
  const expectStored = async () => {
    await form.openAdvanced();
    for (const field of [keyValue(), seedValue()]) {
      await expect(field).toHaveValue("");
      await expect(field).toHaveAttribute("type", "password");
      await expect(field).toHaveAttribute("placeholder", STORED);
      await expect(field).toHaveAccessibleDescription(/Left empty, the stored value is kept/);
    }
    await expect(form.rowField("Token request", "headers", "value", 1)).toHaveValue(spec.tokenHeaders[0]!.value);
  };
  await expectStored();
  await page.reload();
  await expectStored();

  // Save another change (the values are kept), then replace one.
  await form.field("Client ID").fill(`${spec.clientId}-2`);
  await form.saveButton.click();
  await expect(page.getByRole("status").filter({ hasText: /^Saved$/ })).toBeVisible();
  await expectStored();
  await keyValue().fill(replacement);
  await form.saveButton.click();
  await expect(page.getByRole("status").filter({ hasText: /^Saved$/ })).toBeVisible();
  await expectStored();

  // Duplicate: the rows are copied, secret, without their values; saving the copy asks for them.
  await page.getByRole("button", { name: `Duplicate ${spec.name}` }).click();
  await expect(page.getByRole("heading", { name: `${spec.name} (copy)`, exact: true })).toBeVisible();
  await form.openAdvanced();
  await expect(row("Token request", "headers", 3).getByRole("checkbox", { name: "Secret" })).toBeChecked();
  await expect(form.rowField("Token request", "headers", "name", 3)).toHaveValue("X-Api-Key");
  await expect(keyValue()).toHaveValue("");
  await expect(keyValue()).toHaveAttribute("placeholder", "Value");
  await expect(keyValue()).toHaveAccessibleDescription(/Stored encrypted when you save/);
  await form.saveButton.click();
  const missing = "Enter the value of the secret header X-Api-Key: it is stored encrypted and never shown again.";
  await expect(keyValue()).toHaveAccessibleDescription(new RegExp(missing));
  await expect(keyValue()).toHaveAttribute("aria-invalid", "true");
  await keyValue().fill(`copy-${tag}`);
  await seedValue().fill(`copy-seed-${tag}`);
  await form.saveButton.click();
  await expect(page.getByRole("status").filter({ hasText: /^Saved$/ })).toBeVisible();

  // Back to the original client-side (RSC payload), then reload (HTML).
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connectors" }).click();
  await page.getByRole("link", { name: spec.name, exact: true }).click();
  await expect(page.getByRole("heading", { name: spec.name, exact: true })).toBeVisible();
  await form.openTab("Configuration");
  await expectStored();
  await page.reload();
  await expectStored();
  await page.unrouteAll({ behavior: "wait" });

  const documents = all.filter((r) => r.type.includes("text/html") && r.url.includes("/connectors/"));
  const rsc = all.filter((r) => r.type.includes("text/x-component") && !r.action);
  const actions = all.filter((r) => r.action);
  // The recording is real: pages and payloads carry the rows, only not the secret values.
  expect(documents.some((r) => r.url.includes(id) && r.body.includes("X-Api-Key") && r.body.includes("signing_seed"))).toBe(true);
  expect(rsc.some((r) => r.body.includes("X-Api-Key"))).toBe(true);
  expect(actions.filter((r) => r.body.includes('"ok":true')).length).toBeGreaterThanOrEqual(5);
  expect(actions.some((r) => r.body.includes("Enter the value of the secret header X-Api-Key"))).toBe(true);
  for (const r of all) {
    for (const secret of [headerValue, paramValue, replacement]) expect(r.body, `${r.url} (${r.type})`).not.toContain(secret);
  }
  const html = await page.content();
  for (const secret of [headerValue, paramValue, replacement]) expect(html).not.toContain(secret);
});
