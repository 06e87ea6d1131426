/**
 * `npm run screenshots`: the README's pictures, taken from the real app so they stay current.
 *
 * Starts the app with the real start command (building first when the sources changed) on a
 * fresh SQLite data directory, with the bootstrap admin from the environment, and the e2e test
 * vendor (a real OAuth server on 127.0.0.1, allowed by LATCHKEY_DEV_ALLOW_LOOPBACK). Connectors
 * are created and driven through the app's own server actions and pages, so each shows a real
 * state: Active, Not authorized, Needs re-authorization, Check client credentials, Disconnected.
 * Then Chromium signs in and saves docs/screenshots/{dashboard,connector-form,connector-page}.png
 * at 1280×800 in the light theme.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, expect, type APIRequestContext, type Page } from "@playwright/test";
import { callAction, connectorPayload } from "../e2e/support/connector-form";
import { freePort, spawnApp } from "../e2e/support/spawn-app";
import { SignInPage } from "../e2e/support/sign-in-page";
import { startTestVendor, type TestVendor } from "../e2e/vendor/test-vendor";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.join(ROOT, "docs", "screenshots");
const ADMIN = { email: "admin@example.com", password: "screenshots passphrase 123" };
const VIEWPORT = { width: 1280, height: 800 };

type Payload = Record<string, unknown>;

async function create(request: APIRequestContext, name: string, overrides: Payload): Promise<string> {
  const result = await callAction(request, "createConnectorAction", connectorPayload(name, overrides));
  if (!result.ok) throw new Error(`creating ${name} failed: ${JSON.stringify(result)}`);
  return String(result.data?.id);
}

async function act(request: APIRequestContext, action: string, id: string): Promise<void> {
  const result = await callAction(request, action, { id });
  if (!result.ok) throw new Error(`${action} failed: ${JSON.stringify(result)}`);
}

/** Authorize on the connector's page; the vendor approves by itself and sends the browser back. */
async function authorize(page: Page, id: string): Promise<void> {
  await page.goto(`/connectors/${id}`);
  await page.getByRole("button", { name: "Authorize", exact: true }).click();
  await page.waitForURL(new RegExp(`/connectors/${id}\\?event=`));
  await expect(page.getByTestId("token-status")).toHaveText("Active");
}

/** A few connectors, each in the state its name suggests, at the local test vendor. */
async function seed(page: Page, vendor: TestVendor): Promise<{ featured: string }> {
  const request = page.request;
  const authCode = (client: { id: string; secret: string }, scopes: string[], apiBaseUrl: string): Payload => ({
    grantType: "authorization_code",
    authUrl: vendor.authorizationEndpoint,
    tokenUrl: vendor.tokenEndpoint,
    revocationUrl: vendor.revocationEndpoint,
    clientId: client.id,
    clientSecret: client.secret,
    scopes,
    apiBaseUrl,
  });
  const clientCredentials = (client: { id: string; secret: string }, apiBaseUrl: string): Payload => ({
    grantType: "client_credentials",
    authUrl: "",
    tokenUrl: vendor.tokenEndpoint,
    clientId: client.id,
    clientSecret: client.secret,
    scopes: ["api"],
    apiBaseUrl,
  });

  const crm = await create(
    request,
    "Acme CRM (production)",
    authCode(vendor.clients.authCode, ["read:items", "write:items"], "https://api.acme-crm.example.com/v2"),
  );
  await authorize(page, crm);

  const helpdesk = await create(request, "Helpdesk tickets", {
    ...authCode(vendor.clients.basicOnly, ["read:items"], "https://helpdesk.example.com/api/v1"),
    clientAuth: "basic",
  });
  await authorize(page, helpdesk);
  await vendor.revokeAllGrants(vendor.clients.basicOnly.id);
  await act(request, "refreshTokenAction", helpdesk);

  const directory = await create(request, "Directory sync", clientCredentials(vendor.clients.machine, "https://directory.example.com/api"));
  await act(request, "getTokenAction", directory);

  const billing = await create(
    request,
    "Billing exports",
    clientCredentials({ id: vendor.clients.postOnly.id, secret: "a-rotated-secret" }, "https://billing.example.com/v3"),
  );
  await act(request, "getTokenAction", billing);

  const warehouse = await create(request, "Warehouse inventory", {
    ...clientCredentials(vendor.clients.postOnly, "https://warehouse.example.com/api"),
    clientAuth: "body",
  });
  await act(request, "getTokenAction", warehouse);
  await act(request, "disconnectConnectorAction", warehouse);

  await create(request, "Marketing analytics", authCode(vendor.clients.authCode, ["read:items"], "https://analytics.example.com/api"));
  return { featured: crm };
}

/** Waits until nothing is loading, then saves the viewport. */
async function shoot(page: Page, file: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(OUT, file), animations: "disabled", caret: "hide" });
  console.log(`screenshots: wrote docs/screenshots/${file}`);
}

async function main(): Promise<void> {
  const port = await freePort();
  const baseURL = `http://localhost:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-screenshots-"));
  const vendor = await startTestVendor({ autoApprove: true, redirectUris: [`${baseURL}/oauth2/redirect_url`] });
  let app: Awaited<ReturnType<typeof spawnApp>> | undefined;
  const browser = await chromium.launch({
    executablePath: existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined,
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    console.log("screenshots: starting the app (it builds first when the sources changed)");
    app = await spawnApp(
      {
        LATCHKEY_DATA_DIR: dataDir,
        DATABASE_URL: `file:${path.join(dataDir, "latchkey.db")}`,
        LATCHKEY_ADMIN_EMAIL: ADMIN.email,
        LATCHKEY_ADMIN_PASSWORD: ADMIN.password,
        LATCHKEY_DEV_ALLOW_LOOPBACK: "1",
      },
      { port },
    );
    const context = await browser.newContext({ baseURL, viewport: VIEWPORT, deviceScaleFactor: 1, colorScheme: "light", reducedMotion: "reduce" });
    const page = await context.newPage();
    await new SignInPage(page).signInAndReachDashboard(ADMIN.email, ADMIN.password);
    const { featured } = await seed(page, vendor);
    mkdirSync(OUT, { recursive: true });

    await page.goto("/");
    await expect(page.getByRole("row").filter({ hasText: "Acme CRM (production)" })).toContainText("Active");
    await shoot(page, "dashboard.png");

    await page.goto("/connectors/new");
    await expect(page.getByRole("heading", { name: "New connector" })).toBeVisible();
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Vendor", { exact: true }).selectOption({ label: "Salesforce" });
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Salesforce");
    await shoot(page, "connector-form.png");

    await page.goto(`/connectors/${featured}`);
    await expect(page.getByTestId("token-status")).toHaveText("Active");
    await shoot(page, "connector-page.png");
    await context.close();
  } finally {
    await browser.close();
    await app?.stop();
    await vendor.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
