/**
 * Settings → Alerts, as an admin uses it: save the alert webhook (a real receiver on 127.0.0.1:
 * the e2e servers run with LATCHKEY_DEV_ALLOW_LOOPBACK=1), keep the signing secret it shows once,
 * send a test alert, then break a connector's client credentials at its token endpoint and see a
 * signed alert arrive for it, checked with that secret the way a receiver would.
 *
 * The webhook is one setting for the whole app: the spec removes it at the end, so later specs'
 * failures alert no one.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Page } from "@playwright/test";
import { errorResponse, startScriptedServer, tokenResponse, type ScriptedRequest, type ScriptedServer } from "../test/support/scripted-server";
import { callAction, createClientCredentialsConnector, expect, test } from "./support/connector-form";

let receiver: ScriptedServer;
let vendor: ScriptedServer;

test.beforeAll(async () => {
  receiver = await startScriptedServer(() => ({ status: 204, body: "" }));
  vendor = await startScriptedServer(() => ({ status: 404, body: "" }));
});
test.afterAll(async () => {
  await receiver?.close();
  await vendor?.close();
});
test.afterEach(async ({ request }) => {
  expect((await callAction(request, "removeAlertWebhookAction", {})).ok).toBe(true);
});

interface Delivery {
  message: { event: string; connector: { id: string; name: string } | null; status: string | null; errorCode: string | null; at: string };
  request: ScriptedRequest;
}

const HOOK_PATH = "/hooks/latchkey";

function deliveries(): Delivery[] {
  return receiver.requests.filter((r) => r.path === HOOK_PATH).map((request) => ({ request, message: JSON.parse(request.rawBody) }));
}

/** What a receiver does: recompute `v1=<hex HMAC-SHA256(secret, "timestamp.body")>` and compare in constant time. */
function signatureValid(secret: string, request: ScriptedRequest): boolean {
  const timestamp = String(request.headers["x-latchkey-timestamp"]);
  const expected = Buffer.from(`v1=${createHmac("sha256", secret).update(`${timestamp}.${request.rawBody}`).digest("hex")}`);
  const given = Buffer.from(String(request.headers["x-latchkey-signature"]));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function alertsSection(page: Page) {
  return page.getByRole("region", { name: "Alerts" });
}

test("save the webhook, keep the secret shown once, and receive signed alerts when a connector breaks", async ({ page, request, tag }) => {
  const url = `${receiver.url}${HOOK_PATH}`;
  await page.goto("/settings");
  const alerts = alertsSection(page);
  await expect(alerts.getByText("No webhook is configured.")).toBeVisible();

  // Only https (or loopback here) URLs; the field says why.
  await alerts.getByLabel("Webhook URL").fill("ftp://alerts.example.com/hook");
  await alerts.getByRole("button", { name: "Save webhook" }).click();
  await expect(alerts.getByText("Only https:// URLs are allowed")).toBeVisible();

  await alerts.getByLabel("Webhook URL").fill(url);
  await alerts.getByRole("button", { name: "Save webhook" }).click();
  const shown = alerts.getByRole("status").filter({ hasText: "This is its signing secret, shown only now" });
  await expect(shown).toBeVisible();
  const secret = (await shown.getByTestId("alert-webhook-secret").textContent())!.trim();
  expect(secret).toMatch(/^lkwh_[A-Za-z0-9_-]{43}$/);
  await expect(shown.getByRole("button", { name: "Copy secret" })).toBeVisible();

  // After a reload the host is named, the secret is gone for good.
  await page.reload();
  await expect(alerts.getByText(`Alerts go to ${new URL(url).host}.`, { exact: false })).toBeVisible();
  await expect(page.getByTestId("alert-webhook-secret")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);

  // The test alert arrives signed with that secret.
  await alerts.getByRole("button", { name: "Send test alert" }).click();
  await expect(alerts.getByText(`Test alert delivered. Delivered to ${new URL(url).host}.`)).toBeVisible();
  const testAlert = deliveries().find((d) => d.message.event === "alert.test");
  expect(testAlert?.message).toMatchObject({ event: "alert.test", connector: null });
  expect(testAlert?.request.headers["content-type"]).toBe("application/json");
  expect(signatureValid(secret, testAlert!.request)).toBe(true);
  expect(signatureValid("lkwh_not-the-secret", testAlert!.request)).toBe(false);

  // A connector whose vendor starts refusing its client: the failed refresh alerts.
  let refusing = false;
  vendor.respondWith((req) => {
    if (req.path !== `/${tag}/token`) return { status: 404, body: "" };
    return refusing ? errorResponse(401, "invalid_client") : tokenResponse(`alert-access-${tag}`);
  });
  const name = `Alerting Ledger ${tag}`;
  const id = await createClientCredentialsConnector(request, name, {
    tokenUrl: `${vendor.url}/${tag}/token`,
    clientId: `alert-${tag}`,
    clientSecret: "s3cr3t",
  });

  await page.goto(`/connectors/${id}`);
  await page.getByRole("button", { name: "Get token", exact: true }).click();
  await expect(page.getByTestId("token-status")).toHaveText("Active");
  refusing = true;
  await page.getByRole("button", { name: "Refresh now", exact: true }).click();
  await expect(page.getByTestId("token-status")).toHaveText("Check client credentials");

  await expect.poll(() => deliveries().filter((d) => d.message.connector?.id === id).length).toBe(1);
  const alert = deliveries().find((d) => d.message.connector?.id === id)!;
  expect(alert.message).toMatchObject({ event: "connector.check_client_credentials", connector: { id, name }, errorCode: "invalid_client" });
  expect(signatureValid(secret, alert.request)).toBe(true);
  // The message names the connector and its status only: no token, no secret.
  expect(alert.request.rawBody).not.toContain(`alert-access-${tag}`);
  expect(alert.request.rawBody).not.toContain("s3cr3t");
  const sentAt = Number(alert.request.headers["x-latchkey-timestamp"]);
  expect(Math.abs(sentAt - Date.now() / 1000)).toBeLessThan(300);

  // Removing the webhook stops the alerts.
  await page.goto("/settings");
  await alerts.getByRole("button", { name: "Remove webhook" }).click();
  await expect(alerts.getByText("No webhook is configured.")).toBeVisible();
});
