import type { Locator, Page } from "@playwright/test";
import { ConnectorFormPage, callAction, connectorPayload, expect, test } from "./support/connector-form";

const NO_EXTRAS = { auth: { headers: [], params: [] }, token: { headers: [], params: [] }, refresh: { headers: [], params: [] } };

/** One bad value each: what the UI does to enter it, where the message must appear, and the crafted payload. */
const CASES: {
  title: string;
  message: string;
  enter: (form: ConnectorFormPage) => Promise<Locator>;
  correct: (form: ConnectorFormPage, field: Locator) => Promise<void>;
  payload: Record<string, unknown>;
  path: string;
}[] = [
  {
    title: "Authorization Code without Auth URL",
    message: "Authorization Code needs the vendor's Auth URL",
    enter: async (form) => {
      await form.field("Auth URL").fill("");
      return form.field("Auth URL");
    },
    correct: (_form, field) => field.fill("https://vendor.example.com/oauth/authorize"),
    payload: { authUrl: "" },
    path: "authUrl",
  },
  {
    title: "a javascript: URL",
    message: "Only https:// URLs are allowed",
    enter: async (form) => {
      await form.field("Access Token URL").fill("javascript:alert(document.cookie)");
      return form.field("Access Token URL");
    },
    correct: (_form, field) => field.fill("https://vendor.example.com/oauth/token"),
    payload: { tokenUrl: "javascript:alert(document.cookie)" },
    path: "tokenUrl",
  },
  {
    title: "a header value containing a newline",
    message: "The value must not contain line breaks or control characters",
    enter: async (form) => {
      await form.openAdvanced();
      await form.addRows("Token request", "headers", [{ name: "X-Trace", value: "abc\r\nX-Injected: 1" }]);
      const value = form.rowField("Token request", "headers", "value", 1);
      await expect(value).toHaveValue("abc\nX-Injected: 1"); // a textarea keeps the line break (normalised to \n)
      await form.advancedSummary.click(); // collapse: saving must open it again to show the problem
      return value;
    },
    correct: (_form, field) => field.fill("abc"),
    payload: { extras: { ...NO_EXTRAS, token: { headers: [{ name: "X-Trace", value: "abc\r\nX-Injected: 1" }], params: [] } } },
    path: "extras.token.headers.0.value",
  },
  {
    title: "a Host header",
    message: "Latchkey sets the Host header itself; it cannot be added",
    enter: async (form) => {
      await form.openAdvanced();
      await form.addRows("Refresh request", "headers", [{ name: "Host", value: "internal.example" }]);
      return form.rowField("Refresh request", "headers", "name", 1);
    },
    correct: (_form, field) => field.fill("X-Host-Hint"),
    payload: { extras: { ...NO_EXTRAS, refresh: { headers: [{ name: "Host", value: "internal.example" }], params: [] } } },
    path: "extras.refresh.headers.0.name",
  },
  {
    title: "an extra grant_type parameter",
    message: "Latchkey sets the grant_type parameter itself; it cannot be added",
    enter: async (form) => {
      await form.openAdvanced();
      await form.addRows("Token request", "params", [{ name: "grant_type", value: "password" }]);
      return form.rowField("Token request", "params", "name", 1);
    },
    correct: (_form, field) => field.fill("audience"),
    payload: { extras: { ...NO_EXTRAS, token: { headers: [], params: [{ name: "grant_type", value: "password" }] } } },
    path: "extras.token.params.0.name",
  },
];

/** Counts server-action calls, to show the client refused without asking the server. */
function countActionCalls(page: Page): () => number {
  let calls = 0;
  page.on("request", (request) => {
    if (request.method() === "POST" && request.headers()["next-action"]) calls++;
  });
  return () => calls;
}

async function fillValidBase(form: ConnectorFormPage, name: string) {
  await form.field("Name").fill(name);
  await form.field("Auth URL").fill("https://vendor.example.com/oauth/authorize");
  await form.field("Access Token URL").fill("https://vendor.example.com/oauth/token");
  await form.field("Client ID").fill("client-1");
}

test.describe("connector validation", () => {
  for (const [index, c] of CASES.entries()) {
    test(`the form refuses ${c.title} next to the field, and saves once it is corrected`, async ({ page, connectorForm: form, tag }) => {
      const actionCalls = countActionCalls(page);
      await form.gotoNew();
      await fillValidBase(form, `Checked ${index} ${tag}`);
      const field = await c.enter(form);
      await form.saveButton.click();

      await expect(field).toHaveAccessibleDescription(new RegExp(c.message.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")));
      await expect(page.getByRole("alert").filter({ hasText: c.message })).toBeVisible();
      await expect(field).toHaveAttribute("aria-invalid", "true");
      await expect(field).toBeFocused(); // the first problem gets focus, even inside the collapsed section
      await expect(page.getByRole("alert").filter({ hasText: "Some values need attention" })).toBeVisible();
      await expect(page).toHaveURL(/\/connectors\/new$/);
      expect(actionCalls()).toBe(0);

      await c.correct(form, field);
      await form.saveButton.click();
      await form.expectTab("Configuration");
    });
  }

  test("server-side rules land on the same fields: a taken name, a missing Client Credentials secret", async ({ page, connectorForm: form, tag, request }) => {
    const taken = `Taken ${tag}`;
    expect((await callAction(request, "createConnectorAction", connectorPayload(taken))).ok).toBe(true);

    await form.gotoNew();
    await fillValidBase(form, taken);
    await form.saveButton.click();
    await expect(form.field("Name")).toHaveAccessibleDescription(/Another connector already has this name/);
    await expect(page).toHaveURL(/\/connectors\/new$/);

    await form.field("Name").fill(`Fresh ${tag}`);
    await form.radio("Grant Type", "Client Credentials").check();
    await expect(form.field("Client Secret")).toHaveAccessibleDescription(/Required for Client Credentials/);
    await form.saveButton.click();
    await expect(form.field("Client Secret")).toHaveAccessibleDescription(/Client Credentials needs the Client Secret/);
    await expect(page).toHaveURL(/\/connectors\/new$/);

    // The edit action's errors come back as `values.<field>` and still land on the field.
    await form.field("Client Secret").fill(`s3cr3t-${tag}`);
    await form.saveButton.click();
    await form.expectTab("Configuration");
    await form.field("Name").fill(taken);
    await form.saveButton.click();
    await expect(form.field("Name")).toHaveAccessibleDescription(/Another connector already has this name/);
  });

  test("the server actions refuse the same values in crafted payloads, with the same field paths", async ({ page, connectorForm: form, tag, request }) => {
    const base = connectorPayload(`Crafted ${tag}`);
    const created = await callAction(request, "createConnectorAction", base);
    expect(created.ok).toBe(true); // the base payload is valid: each refusal below is the one bad value
    const id = created.data!.id as string;

    for (const c of CASES) {
      const onCreate = await callAction(request, "createConnectorAction", { ...base, name: `Crafted other ${tag}`, ...c.payload });
      expect(onCreate, c.title).toMatchObject({ ok: false, code: "INVALID_INPUT" });
      expect(onCreate.fieldErrors?.[c.path], c.title).toContain(c.message);

      const onUpdate = await callAction(request, "updateConnectorAction", { id, values: { ...base, ...c.payload } });
      expect(onUpdate, c.title).toMatchObject({ ok: false, code: "INVALID_INPUT" });
      expect(onUpdate.fieldErrors?.[`values.${c.path}`], c.title).toContain(c.message);
    }

    // The Auth request cannot carry headers at all: a browser redirect has none to give.
    const authHeaders = await callAction(request, "createConnectorAction", {
      ...base,
      extras: { ...NO_EXTRAS, auth: { headers: [{ name: "X-A", value: "b" }], params: [] } },
    });
    expect(authHeaders.fieldErrors?.["extras.auth.headers"]?.[0]).toMatch(/browser redirect/);

    // Nothing was created or changed by the refused calls.
    await page.goto("/connectors");
    await expect(page.getByRole("link", { name: new RegExp(tag) })).toHaveCount(1);
    await form.gotoTab(id, "Configuration");
    await expect(page.getByLabel("Access Token URL", { exact: true })).toHaveValue(base.tokenUrl);
    await expect(page.getByText("Authorization Code · configuration version 1", { exact: true })).toBeVisible(); // never saved again
  });
});
