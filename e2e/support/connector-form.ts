/**
 * The connector pages, driven by role and label like an admin would, plus direct server-action
 * calls for set-up, clean-up and crafted-payload checks.
 */
import { randomBytes } from "node:crypto";
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { test as base, expect } from "./base-test";
import { listServerActions } from "./app-surface";
import { storageStateFile } from "./servers";

export type Row = { name: string; value: string };
export type RequestBlock = "Auth request" | "Token request" | "Refresh request";
export type RowKind = "headers" | "params";

export interface ConnectorSpec {
  name: string;
  placement: "Request Header" | "Request URL";
  headerPrefix?: string;
  queryParamName?: string;
  grantType: "Authorization Code" | "Client Credentials";
  authUrl?: string;
  tokenUrl: string;
  clientId: string;
  clientSecret?: string;
  scopes: string[];
  scopeSeparator: "Space" | "Comma";
  clientAuth: "Send as Basic Auth header" | "Send client credentials in body";
  refreshUrl: string;
  apiBaseUrl: string;
  usePkce?: boolean;
  authParams: Row[];
  tokenHeaders: Row[];
  tokenParams: Row[];
  bodyFormat: "Form (application/x-www-form-urlencoded)" | "JSON";
  refreshHeaders: Row[];
  refreshParams: Row[];
  refreshIncludesScope: boolean;
  revocationUrl: string;
}

/** The connector page's tabs (app/(console)/connectors/[id]/layout.tsx), each its own URL. */
export type ConnectorTabName = "Overview" | "Configuration" | "Test" | "History";
const TAB_SEGMENTS: Record<ConnectorTabName, string> = { Overview: "", Configuration: "/configuration", Test: "/test", History: "/history" };

/** `/connectors/{id}` plus the tab's segment, with or without a query; never `/connectors/new`. */
export function tabUrl(tab: ConnectorTabName, id = "(?!new)[^/?]+"): RegExp {
  return new RegExp(`/connectors/${id}${TAB_SEGMENTS[tab]}(\\?.*)?$`);
}

const ROW_WORDS = {
  headers: { group: "Additional headers", noun: "header", Noun: "Header" },
  params: { group: "Additional parameters", noun: "parameter", Noun: "Parameter" },
} as const;

export class ConnectorFormPage {
  constructor(readonly page: Page) {}

  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  group(legend: string): Locator {
    return this.page.getByRole("group", { name: legend, exact: true });
  }

  radio(legend: string, option: string): Locator {
    return this.group(legend).getByRole("radio", { name: option, exact: true });
  }

  get advancedSummary(): Locator {
    return this.page.locator("summary").filter({ hasText: "Advanced configuration" });
  }

  get saveButton(): Locator {
    return this.page.getByRole("button", { name: "Save", exact: true });
  }

  get scopeChips(): Locator {
    return this.page.getByRole("list", { name: "Scope values" }).getByRole("listitem");
  }

  editor(block: RequestBlock, kind: RowKind): Locator {
    return this.group(block).getByRole("group", { name: ROW_WORDS[kind].group });
  }

  rowField(block: RequestBlock, kind: RowKind, part: "name" | "value", n: number): Locator {
    return this.editor(block, kind).getByLabel(`${ROW_WORDS[kind].Noun} ${part} ${n}`, { exact: true });
  }

  get tabNav(): Locator {
    return this.page.getByRole("navigation", { name: "Connector sections", exact: true });
  }

  tab(name: ConnectorTabName): Locator {
    return this.tabNav.getByRole("link", { name, exact: true });
  }

  /** The open tab is `name`: its URL, and the nav marks it as the current page. */
  async expectTab(name: ConnectorTabName) {
    await expect(this.page).toHaveURL(tabUrl(name));
    await expect(this.tab(name)).toHaveAttribute("aria-current", "page");
  }

  /** Switches tab the way an admin does, by its link (a client-side navigation). */
  async openTab(name: ConnectorTabName) {
    await this.tab(name).click();
    await this.expectTab(name);
  }

  /** Loads one tab of a connector directly, by its URL. */
  async gotoTab(id: string, name: ConnectorTabName) {
    await this.page.goto(`/connectors/${id}${TAB_SEGMENTS[name]}`);
    await this.expectTab(name);
  }

  /** The id of the connector whose page is open. */
  get connectorId(): string {
    const id = /^\/connectors\/([^/?]+)/.exec(new URL(this.page.url()).pathname)?.[1];
    if (!id || id === "new") throw new Error(`not on a connector's page: ${this.page.url()}`);
    return id;
  }

  async gotoNew() {
    await this.page.goto("/connectors/new");
    await expect(this.page.getByRole("heading", { name: "New connector" })).toBeVisible();
  }

  async openAdvanced() {
    if (!(await this.group("Token request").isVisible())) await this.advancedSummary.click();
    await expect(this.group("Token request")).toBeVisible();
  }

  async addRows(block: RequestBlock, kind: RowKind, rows: Row[]) {
    const editor = this.editor(block, kind);
    const start = await editor.getByRole("listitem").count();
    for (const [i, row] of rows.entries()) {
      await editor.getByRole("button", { name: `Add ${ROW_WORDS[kind].noun}` }).click();
      await this.rowField(block, kind, "name", start + i + 1).fill(row.name);
      await this.rowField(block, kind, "value", start + i + 1).fill(row.value);
    }
  }

  async addScopes(scopes: string[]) {
    for (const scope of scopes) {
      await this.field("Scope").fill(scope);
      await this.field("Scope").press("Enter");
    }
  }

  async fill(spec: ConnectorSpec) {
    await this.field("Name").fill(spec.name);
    await this.radio("Add auth data to", spec.placement).check();
    if (spec.placement === "Request URL") await this.field("Query Parameter Name").fill(spec.queryParamName ?? "access_token");
    else await this.field("Header Prefix").fill(spec.headerPrefix ?? "Bearer");
    await this.radio("Grant Type", spec.grantType).check();
    if (spec.grantType === "Authorization Code") await this.field("Auth URL").fill(spec.authUrl ?? "");
    await this.field("Access Token URL").fill(spec.tokenUrl);
    await this.field("Client ID").fill(spec.clientId);
    if (spec.clientSecret !== undefined) await this.field("Client Secret").fill(spec.clientSecret);
    await this.addScopes(spec.scopes);
    await this.radio("Scope separator", spec.scopeSeparator).check();
    await this.radio("Client Authentication", spec.clientAuth).check();
    await this.field("Refresh Token URL").fill(spec.refreshUrl);
    await this.field("API Base URL").fill(spec.apiBaseUrl);
    if (spec.grantType === "Authorization Code") await this.field("Use PKCE").setChecked(spec.usePkce ?? true);
    await this.openAdvanced();
    if (spec.grantType === "Authorization Code") await this.addRows("Auth request", "params", spec.authParams);
    await this.addRows("Token request", "headers", spec.tokenHeaders);
    await this.addRows("Token request", "params", spec.tokenParams);
    await this.radio("Token request body format", spec.bodyFormat).check();
    await this.addRows("Refresh request", "headers", spec.refreshHeaders);
    await this.addRows("Refresh request", "params", spec.refreshParams);
    await this.field("Send scope on refresh").setChecked(spec.refreshIncludesScope);
    await this.field("Revocation URL").fill(spec.revocationUrl);
  }

  /** Saves a new connector and returns its id, read from the Configuration tab it lands on. */
  async create(spec: ConnectorSpec): Promise<string> {
    await this.gotoNew();
    await this.fill(spec);
    await this.saveButton.click();
    await this.expectTab("Configuration");
    await expect(this.page.getByRole("heading", { name: spec.name, exact: true })).toBeVisible();
    return this.connectorId;
  }

  async expectRows(block: RequestBlock, kind: RowKind, rows: Row[]) {
    await expect(this.editor(block, kind).getByRole("listitem")).toHaveCount(rows.length);
    for (const [i, row] of rows.entries()) {
      await expect(this.rowField(block, kind, "name", i + 1)).toHaveValue(row.name);
      await expect(this.rowField(block, kind, "value", i + 1)).toHaveValue(row.value);
    }
  }

  /** Every value of the spec, as the form shows it. The secret only as "set". */
  async expectValues(spec: ConnectorSpec, { secretSet }: { secretSet: boolean }) {
    await expect(this.field("Name")).toHaveValue(spec.name);
    await expect(this.radio("Add auth data to", spec.placement)).toBeChecked();
    if (spec.placement === "Request URL") {
      await expect(this.field("Query Parameter Name")).toHaveValue(spec.queryParamName ?? "access_token");
      await expect(this.field("Header Prefix")).toHaveCount(0);
    } else {
      await expect(this.field("Header Prefix")).toHaveValue(spec.headerPrefix ?? "Bearer");
      await expect(this.field("Query Parameter Name")).toHaveCount(0);
    }
    await expect(this.radio("Grant Type", spec.grantType)).toBeChecked();
    if (spec.grantType === "Authorization Code") {
      await expect(this.field("Auth URL")).toHaveValue(spec.authUrl ?? "");
      await expect(this.field("Use PKCE")).toBeChecked({ checked: spec.usePkce ?? true });
    } else {
      await expect(this.field("Auth URL")).toHaveCount(0);
      await expect(this.field("Use PKCE")).toHaveCount(0);
    }
    await expect(this.field("Access Token URL")).toHaveValue(spec.tokenUrl);
    await expect(this.field("Client ID")).toHaveValue(spec.clientId);
    if (secretSet) {
      await expect(this.page.getByText("A secret is set", { exact: true })).toBeVisible();
      await expect(this.page.locator("input[type=password]")).toHaveCount(0);
    } else {
      await expect(this.page.locator("input[type=password]")).toHaveValue("");
    }
    await expect(this.scopeChips).toHaveText(spec.scopes.map((s) => `${s}×`));
    await expect(this.radio("Scope separator", spec.scopeSeparator)).toBeChecked();
    await expect(this.radio("Client Authentication", spec.clientAuth)).toBeChecked();
    await expect(this.field("Refresh Token URL")).toHaveValue(spec.refreshUrl);
    await expect(this.field("API Base URL")).toHaveValue(spec.apiBaseUrl);
    await this.openAdvanced();
    if (spec.grantType === "Authorization Code") await this.expectRows("Auth request", "params", spec.authParams);
    await this.expectRows("Token request", "headers", spec.tokenHeaders);
    await this.expectRows("Token request", "params", spec.tokenParams);
    await expect(this.radio("Token request body format", spec.bodyFormat)).toBeChecked();
    await this.expectRows("Refresh request", "headers", spec.refreshHeaders);
    await this.expectRows("Refresh request", "params", spec.refreshParams);
    await expect(this.field("Send scope on refresh")).toBeChecked({ checked: spec.refreshIncludesScope });
    await expect(this.field("Revocation URL")).toHaveValue(spec.revocationUrl);
  }
}

/** The ActionResult a server action answered with, parsed out of the RSC response. */
export function actionResult(body: string): {
  ok: boolean;
  code?: string;
  data?: Record<string, unknown>;
  formError?: string;
  fieldErrors?: Record<string, string[]>;
} {
  for (const line of body.split("\n")) {
    const json = /^[0-9a-f]+:(\{.*\})$/.exec(line)?.[1];
    if (json?.includes('"ok":')) return JSON.parse(json);
  }
  throw new Error(`no ActionResult in response: ${body.slice(0, 500)}`);
}

/** Calls a server action the way the browser does, with a payload of our choosing. */
export async function callAction(request: APIRequestContext, name: string, payload: unknown) {
  const action = listServerActions().find((a) => a.name === name);
  if (!action) throw new Error(`no server action named ${name}`);
  const response = await request.post("/connectors", {
    headers: { "Next-Action": action.id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
    data: JSON.stringify([payload]),
    maxRedirects: 0,
  });
  return actionResult(await response.text());
}

/** Deletes, through the delete action, every connector whose name contains `marker`. */
export async function deleteConnectorsNamed(request: APIRequestContext, marker: string) {
  const html = await (await request.get("/connectors")).text();
  for (const [, id, name] of html.matchAll(/<a [^>]*href="\/connectors\/([^"/?]+)"[^>]*>([^<]*)<\/a>/g)) {
    if (id !== "new" && name!.includes(marker)) expect((await callAction(request, "deleteConnectorAction", { id })).ok).toBe(true);
  }
}

/**
 * Specs signed in as the admin. `tag` is a random marker for the names a test creates; every
 * connector whose name carries it is deleted afterwards, so later specs see the app as they expect.
 */
export const test = base.extend<{ tag: string; connectorForm: ConnectorFormPage }>({
  storageState: async ({}, provide, testInfo) => provide(storageStateFile(testInfo.project.name, "admin")),
  tag: async ({ request }, provide) => {
    const tag = randomBytes(4).toString("hex");
    await provide(tag);
    await deleteConnectorsNamed(request, tag);
  },
  connectorForm: async ({ page }, provide) => provide(new ConnectorFormPage(page)),
});
export { expect };

/** Every field in use: header placement, Authorization Code, extras for each request. */
export function authCodeSpec(tag: string): ConnectorSpec {
  return {
    name: `Acme CRM ${tag}`,
    placement: "Request Header",
    headerPrefix: "Token",
    grantType: "Authorization Code",
    authUrl: "https://vendor.example.com/oauth/authorize",
    tokenUrl: "https://vendor.example.com/oauth/token",
    clientId: `acme-client-${tag}`,
    clientSecret: `s3cr3t-${tag}-${randomBytes(6).toString("hex")}`,
    scopes: ["read:contacts", "write:deals", "offline_access"],
    scopeSeparator: "Space",
    clientAuth: "Send client credentials in body",
    refreshUrl: "https://vendor.example.com/oauth/refresh",
    apiBaseUrl: "https://api.vendor.example.com/v2",
    usePkce: false,
    authParams: [
      { name: "prompt", value: "consent" },
      { name: "access_type", value: "offline" },
    ],
    tokenHeaders: [
      { name: "X-Api-Version", value: "2024-01" },
      { name: "X-Tenant", value: "north" },
    ],
    tokenParams: [{ name: "audience", value: "https://api.vendor.example.com" }],
    bodyFormat: "JSON",
    refreshHeaders: [{ name: "X-Refresh-Reason", value: "scheduled" }],
    refreshParams: [{ name: "resource", value: "contacts" }],
    refreshIncludesScope: true,
    revocationUrl: "https://vendor.example.com/oauth/revoke",
  };
}

/** The other branch of every choice: URL placement, Client Credentials, comma scopes, Basic auth. */
export function clientCredentialsSpec(tag: string): ConnectorSpec {
  return {
    name: `Ledger Reports ${tag}`,
    placement: "Request URL",
    queryParamName: "api_token",
    grantType: "Client Credentials",
    tokenUrl: "https://auth.ledger.example.com/token",
    clientId: `ledger-${tag}`,
    clientSecret: `s3cr3t-${tag}-${randomBytes(6).toString("hex")}`,
    scopes: ["reports.read", "reports.export"],
    scopeSeparator: "Comma",
    clientAuth: "Send as Basic Auth header",
    refreshUrl: "",
    apiBaseUrl: "https://api.ledger.example.com",
    authParams: [],
    tokenHeaders: [{ name: "X-Ledger-Region", value: "eu" }],
    tokenParams: [{ name: "audience", value: "reports" }],
    bodyFormat: "Form (application/x-www-form-urlencoded)",
    refreshHeaders: [],
    refreshParams: [],
    refreshIncludesScope: false,
    revocationUrl: "",
  };
}

/** A valid payload for the create action, in the form's shape; override what a test needs. */
export function connectorPayload(name: string, overrides: Record<string, unknown> = {}) {
  return {
    name,
    authPlacement: "header",
    headerPrefix: "Bearer",
    queryParamName: "access_token",
    grantType: "authorization_code",
    authUrl: "https://vendor.example.com/oauth/authorize",
    tokenUrl: "https://vendor.example.com/oauth/token",
    refreshUrl: "",
    revocationUrl: "",
    apiBaseUrl: "",
    clientId: "client-1",
    clientSecret: "",
    scopes: ["read"],
    scopeSeparator: " ",
    clientAuth: "basic",
    usePkce: true,
    refreshIncludesScope: false,
    tokenBodyFormat: "form",
    extras: { auth: { headers: [], params: [] }, token: { headers: [], params: [] }, refresh: { headers: [], params: [] } },
    ...overrides,
  };
}

/** Creates a Client Credentials connector through the create action and returns its id. */
export async function createClientCredentialsConnector(
  request: APIRequestContext,
  name: string,
  client: { tokenUrl: string; clientId: string; clientSecret: string; scopes?: string[] },
): Promise<string> {
  const created = await callAction(request, "createConnectorAction", connectorPayload(name, { grantType: "client_credentials", authUrl: "", ...client }));
  expect(created.ok).toBe(true);
  return String(created.data?.id);
}
