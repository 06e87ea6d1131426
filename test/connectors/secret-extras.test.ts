/**
 * Issue 12 part 6, secret extras (SECURITY 42): a Token or Refresh request header or parameter
 * marked Secret is sealed to its row, write-only (never in form values, the edit DTO, events or
 * errors), kept when an edit leaves it empty, not copied by Duplicate, refused on the Auth
 * request, and never kept when a vendor URL moves to another origin. Rows the issue-12 migration
 * marked secret are sealed by lib/secrets/seal-secret-extras.ts.
 *
 * Real parts: the vendor is a small HTTP server on 127.0.0.1 that records every token request
 * (and, for the redaction case, echoes the key back in its error); SQLite and PostgreSQL.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { startScriptedServer, tokenResponse, type ScriptedRequest, type ScriptedServer } from "../support/scripted-server";
import { adminActor, testConfig } from "../support/token-fixtures";
import type { Db } from "@/lib/db";
import { connectorSchema, defaultConnectorValues, type ConnectorFormValues } from "@/lib/connectors/schema";
import { SECRET_EXTRA_NAMES, looksSecret } from "@/lib/connectors/secret-names";
import { createConnector, duplicateConnector } from "@/lib/connectors/service";
import { updateConnector } from "@/lib/connector-admin/service";
import { getConnectorForEdit } from "@/lib/connectors/queries";
import { SYSTEM_ACTOR } from "@/lib/events";
import { sealField, unsealField } from "@/lib/secrets/sealed-fields";
import { sealSecretExtras } from "@/lib/secrets/seal-secret-extras";
import { obtainClientCredentialsToken } from "@/lib/tokens/service";
import { runTestRequest } from "@/lib/proxy/test-request";
import { admin, connectorWithToken, proxyDeps } from "../api/support/fixtures";
import { startUpstream, type Upstream } from "../api/support/upstream";

const MIGRATION = (kind: "sqlite" | "postgresql") => readFileSync(`prisma/${kind}/migrations/20261202040000_every_way_in/migration.sql`, "utf8");
/** The migration's statement that marks secret-looking rows secret. */
const MARK_SECRET = (kind: "sqlite" | "postgresql") => /^UPDATE "ConnectorExtra" SET "secret" = true WHERE .*;$/m.exec(MIGRATION(kind))?.[0];

describe("the issue-12 migration's secret names", () => {
  for (const kind of ["sqlite", "postgresql"] as const) {
    it(`are exactly SECRET_EXTRA_NAMES, in lower case (${kind})`, () => {
      const statement = MARK_SECRET(kind);
      expect(statement).toBeDefined();
      const list = /lower\("name"\) IN \(([^)]*)\)/.exec(statement!)?.[1] ?? "";
      const names = [...list.matchAll(/'([^']*)'/g)].map((match) => match[1]);
      expect(names).toEqual([...SECRET_EXTRA_NAMES]);
      expect(names.every((name) => name === name?.toLowerCase())).toBe(true);
    });
  }

  it("looksSecret ignores case and surrounding spaces, and nothing else", () => {
    expect(looksSecret(" X-Api-Key ")).toBe(true);
    expect(looksSecret("Client_Secret")).toBe(true);
    expect(looksSecret("X-Tenant")).toBe(false);
    expect(looksSecret("x-api-key-id")).toBe(false);
  });
});

describe("the schema", () => {
  const schema = connectorSchema({ allowLoopback: true });
  const base = {
    ...defaultConnectorValues(),
    name: "Schema",
    authUrl: "https://vendor.example.com/authorize",
    tokenUrl: "https://vendor.example.com/token",
    clientId: "c",
  };

  it("refuses a secret Auth request parameter: it travels in the browser's address bar", () => {
    const result = schema.safeParse({ ...base, extras: { ...base.extras, auth: { headers: [], params: [{ name: "api_key", value: "k", secret: true }] } } });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["extras.auth.params", "Auth request parameters travel in the browser's address bar: they cannot be secret"],
    ]);
  });

  it("accepts secret Token and Refresh request rows, and a row without the flag is not secret", () => {
    const parsed = schema.parse({
      ...base,
      extras: {
        auth: { headers: [], params: [{ name: "prompt", value: "consent" }] },
        token: { headers: [{ name: "X-Api-Key", value: "k", secret: true }], params: [] },
        refresh: { headers: [], params: [{ name: "api_key", value: "k", secret: true }] },
      },
    });
    expect(parsed.extras.auth.params[0]?.secret).toBe(false);
    expect(parsed.extras.token.headers[0]?.secret).toBe(true);
    expect(parsed.extras.refresh.params[0]?.secret).toBe(true);
  });
});

const KEY = "orange-tractor-41";
const REPLACED_KEY = "purple-harvest-77";
const PARAM_KEY = "quiet-meadow-19";
const CLIENT_SECRET = "client-secret-value";

describeEachDatabase("secret extras", (ctx) => {
  const config = testConfig();
  const schema = connectorSchema({ allowLoopback: true });
  let vendor: ScriptedServer;
  let elsewhere: ScriptedServer;
  let issued = 0;

  beforeAll(async () => {
    vendor = await startScriptedServer(() => tokenResponse(`access-${++issued}`));
    elsewhere = await startScriptedServer(() => tokenResponse(`elsewhere-${++issued}`));
  });
  afterAll(async () => {
    await vendor?.close();
    await elsewhere?.close();
  });
  beforeEach(() => {
    vendor.requests.length = 0;
    elsewhere.requests.length = 0;
    vendor.respondWith(() => tokenResponse(`access-${++issued}`));
  });

  function values(overrides: Partial<ConnectorFormValues> = {}): ConnectorFormValues {
    return {
      ...defaultConnectorValues(),
      name: `Keyed ${++issued}`,
      grantType: "client_credentials",
      tokenUrl: `${vendor.url}/token`,
      clientId: "client-id",
      clientSecret: CLIENT_SECRET,
      extras: {
        auth: { headers: [], params: [] },
        token: {
          headers: [
            { name: "X-Api-Key", value: KEY, secret: true },
            { name: "X-Tenant", value: "north", secret: false },
          ],
          params: [{ name: "api_key", value: PARAM_KEY, secret: true }],
        },
        refresh: { headers: [], params: [] },
      },
      ...overrides,
    };
  }

  /** The form values of a saved connector as its edit page gets them, with `change` applied. */
  async function edited(db: Db, id: string, change: (values: ConnectorFormValues) => ConnectorFormValues = (v) => v) {
    const edit = await getConnectorForEdit(db, id);
    return schema.parse(change(edit!.values));
  }

  async function extraRow(db: Db, connectorId: string, name: string) {
    return db.connectorExtra.findFirstOrThrow({ where: { connectorId, name } });
  }

  async function openedValue(db: Db, connectorId: string, name: string): Promise<string> {
    const row = await extraRow(db, connectorId, name);
    expect(row.secret).toBe(true);
    expect(row.value).toBe("");
    return unsealField(config.keyRing, "ConnectorExtra.value", row.id, row.valueEnc!);
  }

  /** Everything stored about connectors, extras, tokens and events, as text. */
  async function everythingStored(db: Db): Promise<string> {
    const [connectors, extras, tokens, events] = await Promise.all([
      db.connector.findMany(),
      db.connectorExtra.findMany(),
      db.token.findMany(),
      db.event.findMany(),
    ]);
    // Sealed values are random text; everything else is compared as stored.
    return JSON.stringify({ connectors, extras: extras.map((row) => ({ ...row, valueEnc: row.valueEnc ? "sealed" : null })), tokens, events });
  }

  const lastRequest = (server: ScriptedServer): ScriptedRequest => server.requests.at(-1)!;

  it("create seals a secret value to its row; the edit DTO says only that it is stored", async () => {
    const { db } = ctx();
    const { id } = await createConnector(db, config.keyRing, SYSTEM_ACTOR, schema.parse(values()));
    expect(await openedValue(db, id, "X-Api-Key")).toBe(KEY);
    expect(await openedValue(db, id, "api_key")).toBe(PARAM_KEY);
    expect(await extraRow(db, id, "X-Tenant")).toMatchObject({ value: "north", secret: false, valueEnc: null });
    // The ciphertext is bound to its row: moved to another row, it does not open.
    const keyRow = await extraRow(db, id, "X-Api-Key");
    const tenantRow = await extraRow(db, id, "X-Tenant");
    expect(() => unsealField(config.keyRing, "ConnectorExtra.value", tenantRow.id, keyRow.valueEnc!)).toThrow();

    const edit = await getConnectorForEdit(db, id);
    expect(edit?.values.extras.token.headers).toEqual([
      { name: "X-Api-Key", value: "", secret: true },
      { name: "X-Tenant", value: "north", secret: false },
    ]);
    expect(edit?.storedSecretExtras).toEqual(
      expect.arrayContaining([
        { request: "token", kind: "header", name: "X-Api-Key" },
        { request: "token", kind: "param", name: "api_key" },
      ]),
    );
    expect(edit?.storedSecretExtras).toHaveLength(2);
    expect(JSON.stringify(edit)).not.toContain(KEY);
    expect(JSON.stringify(edit)).not.toContain(PARAM_KEY);
    expect(await everythingStored(db)).not.toMatch(new RegExp(`${KEY}|${PARAM_KEY}`));

    const actor = await adminActor(db);
    expect((await obtainClientCredentialsToken(db, config, actor, id)).ok).toBe(true);
    expect(lastRequest(vendor).headers["x-api-key"]).toBe(KEY);
    expect(lastRequest(vendor).headers["x-tenant"]).toBe("north");
    expect(lastRequest(vendor).form.api_key).toBe(PARAM_KEY);
  });

  it("an edit that leaves the value empty keeps it (resealed to the new row); a typed value replaces it", async () => {
    const { db } = ctx();
    const { id } = await createConnector(db, config.keyRing, SYSTEM_ACTOR, schema.parse(values()));
    const before = await extraRow(db, id, "X-Api-Key");

    const kept = await updateConnector(db, config, SYSTEM_ACTOR, id, await edited(db, id, (v) => ({ ...v, clientId: "client-id-2" })));
    expect(kept.changed).toEqual(["clientId"]);
    const after = await extraRow(db, id, "X-Api-Key");
    expect(after.id).not.toBe(before.id);
    expect(await openedValue(db, id, "X-Api-Key")).toBe(KEY);
    expect(await openedValue(db, id, "api_key")).toBe(PARAM_KEY);

    const replaced = await updateConnector(
      db,
      config,
      SYSTEM_ACTOR,
      id,
      await edited(db, id, (v) => ({
        ...v,
        extras: {
          ...v.extras,
          token: { ...v.extras.token, headers: v.extras.token.headers.map((row) => (row.name === "X-Api-Key" ? { ...row, value: REPLACED_KEY } : row)) },
        },
      })),
    );
    expect(replaced.changed).toEqual(["extras"]);
    expect(await openedValue(db, id, "X-Api-Key")).toBe(REPLACED_KEY);
    expect(await openedValue(db, id, "api_key")).toBe(PARAM_KEY);
    expect(await everythingStored(db)).not.toMatch(new RegExp(`${KEY}|${REPLACED_KEY}|${PARAM_KEY}`));

    const actor = await adminActor(db);
    expect((await obtainClientCredentialsToken(db, config, actor, id)).ok).toBe(true);
    expect(lastRequest(vendor).headers["x-api-key"]).toBe(REPLACED_KEY);
  });

  it("a renamed secret row has no stored value: saving it empty is refused on its value field", async () => {
    const { db } = ctx();
    const { id } = await createConnector(db, config.keyRing, SYSTEM_ACTOR, schema.parse(values()));
    const renamed = await edited(db, id, (v) => ({
      ...v,
      extras: { ...v.extras, token: { ...v.extras.token, headers: [{ name: "X-Api-Token", value: "", secret: true }] } },
    }));
    await expect(updateConnector(db, config, SYSTEM_ACTOR, id, renamed)).rejects.toMatchObject({
      code: "INVALID_INPUT",
      field: "extras.token.headers.0.value",
      message: "Enter the value of the secret header X-Api-Token: it is stored encrypted and never shown again.",
    });
    expect(await openedValue(db, id, "X-Api-Key")).toBe(KEY);
  });

  it("unticking Secret stores the value typed in plain text and drops the sealed one", async () => {
    const { db } = ctx();
    const { id } = await createConnector(db, config.keyRing, SYSTEM_ACTOR, schema.parse(values()));
    await updateConnector(
      db,
      config,
      SYSTEM_ACTOR,
      id,
      await edited(db, id, (v) => ({
        ...v,
        extras: { ...v.extras, token: { headers: [{ name: "X-Api-Key", value: "now-public", secret: false }], params: [] } },
      })),
    );
    expect(await extraRow(db, id, "X-Api-Key")).toMatchObject({ value: "now-public", secret: false, valueEnc: null });
    expect((await getConnectorForEdit(db, id))?.storedSecretExtras).toEqual([]);
  });

  it("Duplicate copies the secret row without its value; the copy cannot be saved until the value is entered", async () => {
    const { db } = ctx();
    const { id } = await createConnector(db, config.keyRing, SYSTEM_ACTOR, schema.parse(values()));
    const copy = await duplicateConnector(db, SYSTEM_ACTOR, id);
    expect(await extraRow(db, copy.id, "X-Api-Key")).toMatchObject({ secret: true, value: "", valueEnc: null });
    expect(await extraRow(db, copy.id, "api_key")).toMatchObject({ secret: true, value: "", valueEnc: null });
    expect(await extraRow(db, copy.id, "X-Tenant")).toMatchObject({ secret: false, value: "north" });
    const edit = await getConnectorForEdit(db, copy.id);
    expect(edit?.storedSecretExtras).toEqual([]);
    expect(edit?.values.extras.token.headers[0]).toEqual({ name: "X-Api-Key", value: "", secret: true });
    expect(JSON.stringify(edit)).not.toContain(KEY);

    const saveCopy = (change: (v: ConnectorFormValues) => ConnectorFormValues) => edited(db, copy.id, (v) => change({ ...v, clientSecret: CLIENT_SECRET }));
    await expect(updateConnector(db, config, SYSTEM_ACTOR, copy.id, await saveCopy((v) => v))).rejects.toMatchObject({
      field: "extras.token.headers.0.value",
      message: "Enter the value of the secret header X-Api-Key: it is stored encrypted and never shown again.",
    });
    const filled = (v: ConnectorFormValues): ConnectorFormValues => ({
      ...v,
      extras: {
        ...v.extras,
        token: {
          headers: v.extras.token.headers.map((row) => (row.secret ? { ...row, value: "copy-key" } : row)),
          params: v.extras.token.params.map((row) => ({ ...row, value: "copy-param" })),
        },
      },
    });
    await updateConnector(db, config, SYSTEM_ACTOR, copy.id, await saveCopy(filled));
    expect(await openedValue(db, copy.id, "X-Api-Key")).toBe("copy-key");
    expect(await openedValue(db, id, "X-Api-Key")).toBe(KEY);
  });

  it("a moved Access Token URL origin keeps no stored secret extra: each must be entered again, and the new origin never sees the old one", async () => {
    const { db } = ctx();
    const { id } = await createConnector(db, config.keyRing, SYSTEM_ACTOR, schema.parse(values()));
    const before = await db.connectorExtra.findMany({ where: { connectorId: id }, orderBy: { id: "asc" } });
    const moved = (v: ConnectorFormValues): ConnectorFormValues => ({ ...v, tokenUrl: `${elsewhere.url}/token`, clientSecret: "client-secret-for-elsewhere" });

    await expect(updateConnector(db, config, SYSTEM_ACTOR, id, await edited(db, id, moved))).rejects.toMatchObject({
      code: "INVALID_INPUT",
      field: "extras.token.headers.0.value",
      message: "The vendor URL's origin changed: enter the value of the secret header X-Api-Key again.",
    });
    // Typing the header but not the parameter is refused on the parameter.
    const headerOnly = (v: ConnectorFormValues): ConnectorFormValues => {
      const m = moved(v);
      return {
        ...m,
        extras: {
          ...m.extras,
          token: { ...m.extras.token, headers: m.extras.token.headers.map((row) => (row.secret ? { ...row, value: "elsewhere-key" } : row)) },
        },
      };
    };
    await expect(updateConnector(db, config, SYSTEM_ACTOR, id, await edited(db, id, headerOnly))).rejects.toMatchObject({
      field: "extras.token.params.0.value",
      message: "The vendor URL's origin changed: enter the value of the secret parameter api_key again.",
    });
    expect(await db.connectorExtra.findMany({ where: { connectorId: id }, orderBy: { id: "asc" } })).toEqual(before);
    expect((await db.connector.findUniqueOrThrow({ where: { id } })).tokenUrl).toBe(`${vendor.url}/token`);

    const both = (v: ConnectorFormValues): ConnectorFormValues => {
      const m = headerOnly(v);
      return { ...m, extras: { ...m.extras, token: { ...m.extras.token, params: [{ name: "api_key", value: "elsewhere-param", secret: true }] } } };
    };
    const result = await updateConnector(db, config, SYSTEM_ACTOR, id, await edited(db, id, both));
    expect(result.originChanged).toEqual(["tokenUrl"]);
    const actor = await adminActor(db);
    expect((await obtainClientCredentialsToken(db, config, actor, id)).ok).toBe(true);
    expect(lastRequest(elsewhere).headers["x-api-key"]).toBe("elsewhere-key");
    expect(JSON.stringify(elsewhere.requests)).not.toMatch(new RegExp(`${KEY}|${PARAM_KEY}|${CLIENT_SECRET}`));
  });

  it("a vendor that echoes the secret values in its error body: redacted in the result, the events and the token row", async () => {
    const { db } = ctx();
    const { id } = await createConnector(db, config.keyRing, SYSTEM_ACTOR, schema.parse(values()));
    vendor.respondWith((request) => ({
      status: 400,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        error: "invalid_request",
        error_description: `API key ${String(request.headers["x-api-key"])} is not valid for account ${request.form.api_key}`,
        received: { headers: request.headers, body: request.rawBody },
      }),
    }));
    const actor = await adminActor(db);
    const outcome = await obtainClientCredentialsToken(db, config, actor, id);
    expect(outcome.ok).toBe(false);
    expect(lastRequest(vendor).headers["x-api-key"]).toBe(KEY);
    // The failure was recorded with the vendor's words, minus the secrets.
    expect(JSON.stringify(outcome)).toContain("is not valid for account");
    expect(JSON.stringify(outcome)).not.toMatch(new RegExp(`${KEY}|${PARAM_KEY}`));
    const stored = await everythingStored(db);
    expect(stored).toContain("is not valid for account");
    expect(stored).not.toMatch(new RegExp(`${KEY}|${PARAM_KEY}`));
  });
});

describeEachDatabase("sealing the secret extras the issue-12 migration marked", (ctx) => {
  const config = testConfig();
  const schema = connectorSchema({ allowLoopback: true });
  const LEGACY = "legacy-plain-key-55";
  let vendor: ScriptedServer;

  beforeAll(async () => {
    vendor = await startScriptedServer(() => tokenResponse("access"));
  });
  afterAll(async () => {
    await vendor?.close();
  });

  /** A connector saved before issue 12: its x-api-key row plain; then the migration's UPDATE runs on it. */
  async function legacyConnector(db: Db, kind: "sqlite" | "postgresql", name: string): Promise<string> {
    const input = schema.parse({
      ...defaultConnectorValues(),
      name,
      grantType: "client_credentials",
      tokenUrl: `${vendor.url}/token`,
      clientId: "client-id",
      clientSecret: CLIENT_SECRET,
      extras: {
        auth: { headers: [], params: [] },
        token: {
          headers: [
            { name: "X-Api-Key", value: LEGACY },
            { name: "X-Tenant", value: "north" },
          ],
          params: [],
        },
        refresh: { headers: [], params: [] },
      },
    });
    const { id } = await createConnector(db, config.keyRing, SYSTEM_ACTOR, input);
    await db.$executeRawUnsafe(MARK_SECRET(kind)!);
    return id;
  }

  it("the migration marks the row secret; its plain value still works until sealed, then is sealed once and gone", async () => {
    const { db, kind } = ctx();
    const id = await legacyConnector(db, kind, "Legacy");
    expect(await db.connectorExtra.findFirstOrThrow({ where: { connectorId: id, name: "X-Api-Key" } })).toMatchObject({
      secret: true,
      value: LEGACY,
      valueEnc: null,
    });
    expect(await db.connectorExtra.findFirstOrThrow({ where: { connectorId: id, name: "X-Tenant" } })).toMatchObject({ secret: false, value: "north" });
    // Not sent to the browser even before it is sealed, and not offered as "stored".
    const early = await getConnectorForEdit(db, id);
    expect(JSON.stringify(early)).not.toContain(LEGACY);
    expect(early?.storedSecretExtras).toEqual([]);
    const actor = await adminActor(db);
    expect((await obtainClientCredentialsToken(db, config, actor, id)).ok).toBe(true);
    expect(vendor.requests.at(-1)?.headers["x-api-key"]).toBe(LEGACY);

    expect(await sealSecretExtras(db, config.keyRing)).toEqual({ sealed: 1, changedConcurrently: 0 });
    const row = await db.connectorExtra.findFirstOrThrow({ where: { connectorId: id, name: "X-Api-Key" } });
    expect(row).toMatchObject({ secret: true, value: "" });
    expect(unsealField(config.keyRing, "ConnectorExtra.value", row.id, row.valueEnc!)).toBe(LEGACY);
    expect(JSON.stringify(await db.connectorExtra.findMany())).not.toContain(LEGACY);
    expect((await getConnectorForEdit(db, id))?.storedSecretExtras).toEqual([{ request: "token", kind: "header", name: "X-Api-Key" }]);

    expect(await sealSecretExtras(db, config.keyRing)).toEqual({ sealed: 0, changedConcurrently: 0 });
    vendor.requests.length = 0;
    expect((await obtainClientCredentialsToken(db, config, actor, id)).ok).toBe(true);
    expect(vendor.requests.at(-1)?.headers["x-api-key"]).toBe(LEGACY);
  });

  it("walks every row in batches, and never overwrites a row another instance sealed between read and write", async () => {
    const { db, kind } = ctx();
    const ids = [await legacyConnector(db, kind, "Legacy A"), await legacyConnector(db, kind, "Legacy B"), await legacyConnector(db, kind, "Legacy C")];
    const rows = await db.connectorExtra.findMany({ where: { connectorId: { in: ids }, name: "X-Api-Key" }, orderBy: { id: "asc" } });
    const first = rows[0]!;
    const byOther = sealField(config.keyRing, "ConnectorExtra.value", first.id, LEGACY);
    let raced = false;
    const racing = new Proxy(db, {
      get(target, property) {
        if (property !== "connectorExtra") return Reflect.get(target, property);
        return new Proxy(target.connectorExtra, {
          get(table, method) {
            if (method !== "updateMany") return Reflect.get(table, method);
            return async (args: Parameters<typeof table.updateMany>[0]) => {
              if (!raced) {
                raced = true;
                await table.update({ where: { id: first.id }, data: { value: "", valueEnc: byOther } });
              }
              return table.updateMany(args);
            };
          },
        });
      },
    }) as Db;

    expect(await sealSecretExtras(racing, config.keyRing, { batchSize: 1 })).toEqual({ sealed: 2, changedConcurrently: 1 });
    expect((await db.connectorExtra.findUniqueOrThrow({ where: { id: first.id } })).valueEnc).toBe(byOther);
    for (const row of rows) {
      const now = await db.connectorExtra.findUniqueOrThrow({ where: { id: row.id } });
      expect(now.value).toBe("");
      expect(unsealField(config.keyRing, "ConnectorExtra.value", row.id, now.valueEnc!)).toBe(LEGACY);
    }
  });
});

describeEachDatabase("secret extras in Send test request", (ctx) => {
  const API_KEY = "amber-lantern-63";
  let upstream: Upstream;

  beforeAll(async () => {
    // An API that knows the account's key (the admin typed the same one for the token request) and quotes it.
    upstream = await startUpstream((request, response) => {
      response.writeHead(200, { "content-type": "application/json", "x-account-key": API_KEY });
      response.end(JSON.stringify({ account: { key: API_KEY, note: `key ${API_KEY} active` }, path: request.path }));
    });
  });
  afterAll(async () => {
    await upstream?.close();
  });

  it("the connector's secret extra values are redacted from what the admin is shown", async () => {
    const { db } = ctx();
    const deps = proxyDeps(db);
    try {
      const actor = await admin(db);
      const { id } = await connectorWithToken(db, {
        apiBaseUrl: upstream.origin,
        extras: {
          auth: { headers: [], params: [] },
          token: { headers: [{ name: "X-Account", value: API_KEY, secret: true }], params: [] },
          refresh: { headers: [], params: [] },
        },
      });
      const result = await runTestRequest(deps, actor, { connectorId: id, method: "GET", path: `/v1/echo/${API_KEY}`, contentType: "", body: "" });
      expect(result).toMatchObject({ ok: true, status: 200 });
      expect(JSON.stringify(result)).toContain("active");
      expect(JSON.stringify(result)).not.toContain(API_KEY);
      // The proxy itself never sends a token-request extra to the API.
      expect(JSON.stringify(upstream.requests.at(-1)?.headers)).not.toContain(API_KEY);
    } finally {
      await deps.pool.close();
    }
  });
});
