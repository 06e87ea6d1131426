import { authCodeSpec, callAction, clientCredentialsSpec, connectorPayload, expect, test } from "./support/connector-form";

test.describe("connectors: create, edit, duplicate, delete", () => {
  test("an admin creates an Authorization Code connector with every field, reloads, and sees every value as saved", async ({
    page,
    connectorForm: form,
    tag,
    baseURL,
    context,
  }) => {
    await page.goto("/connectors");
    await page.getByRole("link", { name: "New connector" }).first().click();
    await expect(page.getByRole("heading", { name: "New connector" })).toBeVisible();

    // Defaults, and the fields that follow the choices.
    await expect(form.radio("Add auth data to", "Request Header")).toBeChecked();
    await expect(form.field("Header Prefix")).toHaveValue("Bearer");
    await form.radio("Add auth data to", "Request URL").check();
    await expect(form.field("Query Parameter Name")).toHaveValue("access_token");
    await expect(form.field("Header Prefix")).toHaveCount(0);
    await form.radio("Add auth data to", "Request Header").check();
    await expect(form.radio("Grant Type", "Authorization Code")).toBeChecked();
    await expect(form.field("Use PKCE")).toBeChecked();
    await expect(form.radio("Scope separator", "Space")).toBeChecked();
    await expect(form.radio("Client Authentication", "Send as Basic Auth header")).toBeChecked();
    await expect(form.field("Refresh Token URL")).toHaveAccessibleDescription(/refreshed at the Access Token URL/);
    await expect(form.group("Token request")).toBeHidden(); // advanced section starts collapsed

    // The Redirect URI is read-only, explained, and copyable.
    const redirectUri = `${baseURL}/oauth2/redirect_url`;
    await expect(form.field("Redirect URI")).toHaveValue(redirectUri);
    await expect(form.field("Redirect URI")).not.toBeEditable();
    await expect(form.field("Redirect URI")).toHaveAccessibleDescription(/Register exactly this value/);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.getByRole("button", { name: "Copy" }).click();
    await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(redirectUri);

    const spec = authCodeSpec(tag);
    await form.fill(spec);
    await expect(form.field("Refresh Token URL")).toHaveAccessibleDescription(/instead of at the Access Token URL/);
    await form.saveButton.click();
    await form.expectTab("Configuration"); // beside the Redirect URI the note asks to register
    await expect(page.getByRole("status").filter({ hasText: "Connector created" })).toBeVisible();

    await page.reload();
    await expect(page.getByRole("status").filter({ hasText: "Connector created" })).toHaveCount(0); // one-time note
    await form.expectValues(spec, { secretSet: true });

    await page.goto("/connectors");
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: spec.name, exact: true }) });
    await expect(row.getByRole("cell")).toHaveText([spec.name, "Authorization Code", "vendor.example.com", "Not authorized", ""]);
    await row.getByRole("button", { name: `Actions for ${spec.name}`, exact: true }).click();
    await expect(page.getByRole("menuitem")).toHaveText(["Duplicate " + spec.name, "Delete " + spec.name]);
    await page.keyboard.press("Escape");
  });

  test("an admin creates a Client Credentials connector; fields that only apply to Authorization Code are hidden and the form says why", async ({
    page,
    connectorForm: form,
    tag,
  }) => {
    const spec = clientCredentialsSpec(tag);
    await form.gotoNew();
    await form.radio("Grant Type", "Client Credentials").check();
    await expect(form.field("Auth URL")).toHaveCount(0);
    await expect(form.field("Use PKCE")).toHaveCount(0);
    await expect(form.field("Redirect URI")).toHaveAccessibleDescription(/Client Credentials does not use it/);
    await form.openAdvanced();
    await expect(form.group("Auth request")).toHaveCount(0);
    await expect(page.getByText("Not used with Client Credentials")).toBeVisible();

    const id = await form.create(spec);
    await form.gotoTab(id, "Configuration");
    await form.expectValues(spec, { secretSet: true });
    await expect(form.field("Refresh Token URL")).toHaveAccessibleDescription(/Empty, so tokens are refreshed at the Access Token URL/);

    await page.goto("/connectors");
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: spec.name, exact: true }) });
    await expect(row.getByRole("cell").nth(1)).toHaveText("Client Credentials");
    await expect(row.getByRole("cell").nth(2)).toHaveText("auth.ledger.example.com");
  });

  test("switching to Client Credentials keeps the Auth request rows, unused, and saves them", async ({ page, connectorForm: form, tag, request }) => {
    const created = await callAction(
      request,
      "createConnectorAction",
      connectorPayload(`Kept ${tag}`, {
        extras: {
          auth: { headers: [], params: [{ name: "prompt", value: "consent" }] },
          token: { headers: [], params: [] },
          refresh: { headers: [], params: [] },
        },
      }),
    );
    const id = created.data!.id as string;
    await form.gotoTab(id, "Configuration");
    await form.radio("Grant Type", "Client Credentials").check();
    await form.field("Client Secret").fill(`s3cr3t-${tag}`);
    await form.openAdvanced();
    await expect(page.getByText("Its 1 stored parameter is kept but not sent.")).toBeVisible();
    await form.saveButton.click();
    await expect(page.getByRole("status").filter({ hasText: /^Saved$/ })).toBeVisible();
    await page.reload();
    await form.radio("Grant Type", "Authorization Code").check();
    await form.openAdvanced();
    await form.expectRows("Auth request", "params", [{ name: "prompt", value: "consent" }]);
  });

  test("editing saves changes and reorders rows; a blank secret keeps the stored one, Replace swaps it", async ({
    page,
    connectorForm: form,
    tag,
    context,
  }) => {
    const spec = authCodeSpec(tag);
    const id = await form.create(spec);

    await form.field("Name").fill(`${spec.name} v2`);
    await form.field("Header Prefix").fill(""); // may be empty: the bare token is sent
    // Pasting several values adds each as its own scope.
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.evaluate(() => navigator.clipboard.writeText("admin audit:read"));
    await form.field("Scope").focus();
    await page.keyboard.press("ControlOrMeta+V");
    await expect(form.field("Scope")).toHaveValue("");
    await page.getByRole("button", { name: "Remove scope write:deals" }).click();
    await form.openAdvanced();
    await form.rowField("Token request", "headers", "value", 2).fill("south");
    await form.editor("Token request", "headers").getByRole("button", { name: "Move header 1 down" }).click();
    await expect(form.editor("Token request", "headers").getByRole("button", { name: "Move header 2 down" })).toBeFocused(); // focus follows the row
    await form.editor("Token request", "params").getByRole("button", { name: "Remove parameter 1" }).click();
    await form.saveButton.click();
    await expect(page.getByRole("status").filter({ hasText: /^Saved$/ })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/connectors/${id}/configuration$`)); // saving stays on Configuration

    const edited = {
      ...spec,
      name: `${spec.name} v2`,
      headerPrefix: "",
      scopes: ["read:contacts", "offline_access", "admin", "audit:read"],
      tokenHeaders: [{ name: "X-Tenant", value: "south" }, spec.tokenHeaders[0]!],
      tokenParams: [],
    };
    await page.reload();
    await expect(page.getByRole("heading", { name: edited.name, exact: true })).toBeVisible();
    await form.expectValues(edited, { secretSet: true });

    // Saving with the secret untouched changes nothing: the stored secret is kept.
    await form.saveButton.click();
    await expect(page.getByRole("status").filter({ hasText: "Saved (nothing had changed)" })).toBeVisible();

    // Replace, then Cancel, returns to the stored secret with focus on Replace.
    await page.getByRole("button", { name: "Replace" }).click();
    await expect(form.field("Client Secret")).toBeFocused();
    await expect(form.field("Client Secret")).toHaveAttribute("type", "password");
    await expect(form.field("Client Secret")).toHaveAttribute("autocomplete", "off");
    await page.getByRole("button", { name: "Cancel", exact: true }).click();
    await expect(page.getByRole("button", { name: "Replace" })).toBeFocused();

    // Replace with a new value: the save counts it as a change and the field is reset.
    await page.getByRole("button", { name: "Replace" }).click();
    await form.field("Client Secret").fill(`s3cr3t-${tag}-new`);
    await form.saveButton.click();
    await expect(page.getByRole("status").filter({ hasText: /^Saved$/ })).toBeVisible();
    await expect(page.getByText("A secret is set", { exact: true })).toBeVisible();
    await expect(page.locator("input[type=password]")).toHaveCount(0);
  });

  test("duplicate, from the list and from the edit page, copies everything except the secret", async ({ page, connectorForm: form, tag }) => {
    const spec = authCodeSpec(tag);
    await form.create(spec);

    await page.goto("/connectors");
    await page.getByRole("button", { name: `Actions for ${spec.name}`, exact: true }).click();
    await page.getByRole("menuitem", { name: `Duplicate ${spec.name}` }).click();
    await expect(page.getByRole("heading", { name: `${spec.name} (copy)`, exact: true })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "This is a copy" })).toContainText("enter this connector's own Client Secret");
    await form.expectValues({ ...spec, name: `${spec.name} (copy)` }, { secretSet: false });

    await page.getByRole("button", { name: `Duplicate ${spec.name} (copy)` }).click();
    await expect(page.getByRole("heading", { name: `${spec.name} (copy) (copy)`, exact: true })).toBeVisible();
    await form.expectValues({ ...spec, name: `${spec.name} (copy) (copy)` }, { secretSet: false });

    await page.goto("/connectors");
    await expect(page.getByRole("link", { name: new RegExp(tag) })).toHaveCount(3);
  });

  test("delete asks for confirmation naming the connector, then removes it and its tokens", async ({ page, connectorForm: form, tag, request }) => {
    const name = `Doomed ${tag}`;
    const id = (await callAction(request, "createConnectorAction", connectorPayload(name))).data!.id as string;

    // From the list: Escape and Cancel keep it.
    await page.goto("/connectors");
    const opener = page.getByRole("button", { name: `Actions for ${name}`, exact: true });
    const openDelete = async () => {
      await opener.click();
      await page.getByRole("menuitem", { name: `Delete ${name}` }).click();
    };
    await openDelete();
    const dialog = page.getByRole("alertdialog", { name: `Delete connector “${name}”?` });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText("also deletes its stored tokens");
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
    await openDelete();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByRole("link", { name, exact: true })).toBeVisible();

    // From the edit page: confirm.
    await page.getByRole("link", { name, exact: true }).click();
    await expect(page.getByRole("heading", { name, exact: true })).toBeVisible(); // the list's own Delete button is gone
    await form.openTab("Configuration");
    await page.getByRole("button", { name: `Delete ${name}` }).click();
    await dialog.getByRole("button", { name: "Delete connector" }).click();
    await expect(page).toHaveURL(/\/connectors$/);
    await expect(page.getByRole("region", { name: /^Notifications/ })).toContainText(`Connector “${name}” deleted`); // a toast: the page it was on is gone
    await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);

    for (const tab of ["", "/configuration", "/test", "/history"]) {
      const gone = await page.goto(`/connectors/${id}${tab}`);
      expect(gone?.status(), tab).toBe(404);
      await expect(page.getByRole("heading", { name: "Connector not found" })).toBeVisible();
    }
  });

  test("leaving with unsaved changes asks first; a saved form does not", async ({ page, connectorForm: form, tag, request }) => {
    const dialogs: string[] = [];
    await form.gotoNew();
    await form.field("Name").click();
    await page.keyboard.type(`Draft ${tag}`);

    // An in-app link asks in the console's own dialog: Stay keeps the draft and returns to the link.
    const connectorsLink = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connectors" });
    await connectorsLink.click();
    const leave = page.getByRole("alertdialog", { name: "Leave without saving?" });
    await expect(leave).toContainText("unsaved changes");
    await expect(leave.getByRole("button", { name: "Stay on page" })).toBeFocused();
    await leave.getByRole("button", { name: "Stay on page" }).click();
    await expect(leave).toBeHidden();
    await expect(connectorsLink).toBeFocused();
    await expect(page).toHaveURL(/\/connectors\/new$/);
    await expect(form.field("Name")).toHaveValue(`Draft ${tag}`);

    // Leave page follows the link.
    await connectorsLink.click();
    await leave.getByRole("button", { name: "Leave page" }).click();
    await expect(page).toHaveURL(/\/connectors$/);

    // Reloading or closing the tab can only be asked about by the browser's own prompt.
    await form.gotoNew();
    await form.field("Name").click();
    await page.keyboard.type(`Draft ${tag}`);
    page.once("dialog", (d) => void (dialogs.push(d.type()), d.accept()));
    const closing = page.close({ runBeforeUnload: true });
    await expect.poll(() => dialogs[0]).toBe("beforeunload");
    await closing;

    // An untouched edit page lets the admin go without asking.
    const id = (await callAction(request, "createConnectorAction", connectorPayload(`Calm ${tag}`))).data!.id as string;
    const calm = await page.context().newPage();
    calm.on("dialog", (d) => void (dialogs.push(`unexpected: ${d.message()}`), d.dismiss()));
    await calm.goto(`/connectors/${id}/configuration`);
    await calm.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connectors" }).click();
    await expect(calm).toHaveURL(/\/connectors$/);
    expect(dialogs).toHaveLength(1);
  });

  test("with no connectors, the list tells an admin what to do next", async ({ page, request }) => {
    // The e2e database is fresh per run; clear whatever earlier specs left so the empty state shows.
    const html = await (await request.get("/connectors")).text();
    for (const [, id] of html.matchAll(/<a [^>]*href="\/connectors\/([^"/?]+)"/g)) if (id !== "new") await callAction(request, "deleteConnectorAction", { id });
    await page.goto("/connectors");
    await expect(page.getByRole("heading", { name: "No connectors yet" })).toBeVisible();
    await expect(page.getByText("Register an app in your vendor's developer console")).toBeVisible();
    await expect(page.getByRole("link", { name: "New connector" })).toHaveCount(2);
  });
});
