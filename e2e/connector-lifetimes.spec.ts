/**
 * The refresh-token lifetimes in the connector form's advanced section: optional whole days
 * (1 to 3650), checked by the shared schema on both sides, saved and shown again.
 */
import { callAction, connectorPayload, expect, test } from "./support/connector-form";

const IDLE = "Refresh token idle lifetime (days)";
const MAX = "Refresh token maximum lifetime (days)";
const PROBLEM = "Enter a whole number of days from 1 to 3650, or leave it empty";

test("refresh token lifetimes are optional whole days, saved and shown again", async ({ page, request, connectorForm: form, tag }) => {
  const created = await callAction(request, "createConnectorAction", connectorPayload(`Lifetimes ${tag}`));
  expect(created.ok).toBe(true);
  await form.gotoTab(String(created.data?.id), "Configuration");
  await form.openAdvanced();
  await expect(form.field(IDLE)).toHaveValue("");
  await expect(form.field(MAX)).toHaveValue("");
  await expect(form.field(IDLE)).toHaveAccessibleDescription(/expires after this many days unused\. Latchkey refreshes well before/);
  await expect(form.field(MAX)).toHaveAccessibleDescription(
    /expires this many days after authorization, whatever happens\. Latchkey warns 7 days and 1 day before/,
  );

  await form.field(IDLE).fill("0");
  await form.field(MAX).fill("3651");
  await form.saveButton.click();
  await expect(form.field(IDLE)).toHaveAccessibleDescription(new RegExp(PROBLEM));
  await expect(form.field(MAX)).toHaveAccessibleDescription(new RegExp(PROBLEM));
  await expect(form.field(IDLE)).toHaveAttribute("aria-invalid", "true");

  await form.field(IDLE).fill("90");
  await form.field(MAX).fill("365");
  await form.saveButton.click();
  await expect(page.getByRole("status").filter({ hasText: /^Saved$/ })).toBeVisible();
  await page.reload();
  await form.openAdvanced();
  await expect(form.field(IDLE)).toHaveValue("90");
  await expect(form.field(MAX)).toHaveValue("365");

  // Emptied means unknown again; saving twice without a change reports nothing changed.
  await form.field(IDLE).fill("");
  await form.saveButton.click();
  await expect(page.getByRole("status").filter({ hasText: /^Saved$/ })).toBeVisible();
  await form.saveButton.click();
  await expect(page.getByRole("status").filter({ hasText: "Saved (nothing had changed)" })).toBeVisible();
  await page.reload();
  await form.openAdvanced();
  await expect(form.field(IDLE)).toHaveValue("");
  await expect(form.field(MAX)).toHaveValue("365");
});
