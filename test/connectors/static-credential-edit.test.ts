/**
 * Issue 12, static credentials (SECURITY 43) when an admin edits the connector: the stored token
 * of an API Key or Basic Auth connector is the credential itself, so
 *
 * - a newly typed API key (or user name or password) is what the very next token request and
 *   proxied call hand out, in this process at once (no cached copy of the old one);
 * - a save that leaves the write-only fields empty keeps the stored credential and its token;
 * - switching the credential type drops the old type's token, and a static credential is never
 *   sent to a Revocation URL (not on that switch, not on Disconnect);
 * - moving the API Base URL to another origin refuses to keep the stored credential: it must be
 *   entered again, and until then nothing changes.
 *
 * The vendor API is a real server on 127.0.0.1 recording what it receives.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { statusOf } from "../support/connector-status";
import { startUpstream, type Upstream } from "../api/support/upstream";
import { forward, textOf } from "../api/support/forwarding";
import { admin, apiKey, config, proxyDeps } from "../api/support/fixtures";
import type { Db } from "@/lib/db";
import { connectorSchema, defaultConnectorValues, type ConnectorFormValues } from "@/lib/connectors/schema";
import { createConnector, duplicateConnector } from "@/lib/connectors/service";
import { updateConnector } from "@/lib/connector-admin/service";
import { getConnectorForEdit } from "@/lib/connectors/queries";
import { workerToken } from "@/lib/proxy/token-endpoint";
import { TOKEN_CACHE_MS } from "@/lib/proxy/token-cache";
import { disconnectConnector } from "@/lib/tokens/disconnect";
import { obtainClientCredentialsToken } from "@/lib/tokens/service";

const schema = connectorSchema({ allowLoopback: true });
const ORIGIN_CHANGED_KEY = "The API Base URL's origin changed: enter the API key again.";
let upstream: Upstream;
let elsewhere: Upstream;
beforeAll(async () => {
  upstream = await startUpstream();
  elsewhere = await startUpstream();
});
afterAll(async () => {
  await upstream?.close();
  await elsewhere?.close();
});
beforeEach(() => {
  upstream.requests.length = 0;
  elsewhere.requests.length = 0;
});

let counter = 0;
const secret = (prefix: string) => `${prefix}-${randomBytes(10).toString("hex")}`;
const basic = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString("base64");

async function staticConnector(db: Db, values: Partial<ConnectorFormValues>) {
  const actor = await admin(db);
  const initial = {
    ...defaultConnectorValues(),
    name: `Static edit ${++counter}-${randomBytes(3).toString("hex")}`,
    apiBaseUrl: `${upstream.origin}/api`,
    ...values,
  };
  const { id } = await createConnector(db, config.keyRing, actor, schema.parse(initial));
  // The write-only fields come back empty on the edit form.
  const form = { ...initial, apiKey: "", basicUsername: "", basicPassword: "", clientSecret: "" };
  return { id, actor, form };
}

describeEachDatabase("editing a static credential", (ctx) => {
  let deps: ReturnType<typeof proxyDeps>;
  beforeAll(() => {
    deps = proxyDeps(ctx().db);
  });
  afterAll(async () => {
    await deps?.pool.close();
  });

  it("a new API key is what the next token request and proxied call hand out, at once; a save without one keeps it", async () => {
    const { db } = ctx();
    const [first, second] = [secret("first"), secret("second")];
    const { id, actor, form } = await staticConnector(db, { credentialType: "api_key", apiKey: first, apiKeyHeader: "X-Api-Key", headerPrefix: "" });
    const { requester } = await apiKey(db, id);
    expect((await workerToken(db, config, requester, id)).access_token).toBe(first);
    await textOf(await forward(deps, id, requester, { path: "me" }));

    const saved = await updateConnector(db, config, actor, id, schema.parse({ ...form, apiKey: second }));
    expect(saved.changed).toContain("apiKey");
    // Dropped under the lease with the edit: no cached or stored copy of the old key is handed out.
    expect(await statusOf(db, id)).toMatchObject({ label: "Not authorized" });
    expect(await workerToken(db, config, requester, id)).toMatchObject({ credential_type: "api_key", access_token: second, expires_at: null });
    await textOf(await forward(deps, id, requester, { path: "me" }));
    expect(upstream.requests.map((request) => request.headers["x-api-key"])).toEqual([first, second]);
    expect(await statusOf(db, id)).toMatchObject({ label: "No known expiry" });

    // Another setting, the key left empty: the stored key and its token stay.
    const version = (await db.token.findUniqueOrThrow({ where: { connectorId: id } })).version;
    await updateConnector(db, config, actor, id, schema.parse({ ...form, apiKeyHeader: "X-Vendor-Key" }));
    expect((await db.token.findUniqueOrThrow({ where: { connectorId: id } })).version).toBe(version);
    expect(await workerToken(db, config, requester, id)).toMatchObject({ access_token: second, apply: { in: "header", name: "X-Vendor-Key", prefix: "" } });
    const events = (await db.event.findMany({ where: { connectorId: id } })).map((event) => event.detail).join("\n");
    for (const key of [first, second]) expect(events).not.toContain(key);

    // Write-only: the edit page learns only that a key is stored; Duplicate copies no key.
    const forEdit = await getConnectorForEdit(db, id);
    expect(forEdit?.storedSecrets.apiKey).toBe(true);
    expect(JSON.stringify(forEdit)).not.toContain(second);
    const copy = await duplicateConnector(db, actor, id);
    expect(await db.connector.findUniqueOrThrow({ where: { id: copy.id } })).toMatchObject({ credentialType: "api_key", apiKeyEnc: null });
  });

  it("Basic Auth: a new password alone is combined with the stored user name", async () => {
    const { db } = ctx();
    const user = secret("fs");
    const { id, actor, form } = await staticConnector(db, { credentialType: "basic", basicUsername: user, basicPassword: "X" });
    const { requester } = await apiKey(db, id);
    expect((await workerToken(db, config, requester, id)).access_token).toBe(basic(user, "X"));
    await updateConnector(db, config, actor, id, schema.parse({ ...form, basicPassword: "Y" }));
    expect(await workerToken(db, config, requester, id)).toMatchObject({ credential_type: "basic", token_type: "Basic", access_token: basic(user, "Y") });
  });

  it("switching the credential type drops the old type's token, and a static credential never goes to a Revocation URL", async () => {
    const { db } = ctx();
    const key = secret("switch");
    // A Revocation URL left over from an OAuth configuration: must never receive the key.
    const { id, actor, form } = await staticConnector(db, { credentialType: "api_key", apiKey: key, revocationUrl: `${elsewhere.origin}/revoke` });
    const { requester } = await apiKey(db, id);
    expect((await workerToken(db, config, requester, id)).access_token).toBe(key);

    await updateConnector(db, config, actor, id, schema.parse({ ...form, credentialType: "basic", basicUsername: "user", basicPassword: "pass" }));
    expect(await workerToken(db, config, requester, id)).toMatchObject({
      credential_type: "basic",
      access_token: basic("user", "pass"),
      apply: { in: "header", name: "Authorization", prefix: "Basic" },
    });

    // To OAuth 2.0: nothing of the static credential is kept as a token.
    await updateConnector(
      db,
      config,
      actor,
      id,
      schema.parse({
        ...form,
        credentialType: "oauth2",
        authUrl: `${elsewhere.origin}/authorize`,
        tokenUrl: `${elsewhere.origin}/token`,
        clientId: "id",
        clientSecret: "s3cret",
      }),
    );
    expect(await db.token.count({ where: { connectorId: id } })).toBe(0);
    expect(await statusOf(db, id)).toMatchObject({ label: "Not authorized" });

    const other = await staticConnector(db, { credentialType: "api_key", apiKey: key, revocationUrl: `${elsewhere.origin}/revoke` });
    await workerToken(db, config, (await apiKey(db, other.id)).requester, other.id);
    expect(await disconnectConnector(db, config, other.actor, other.id)).toMatchObject({ hadToken: true, revocation: "unsupported" });
    expect(elsewhere.requests).toHaveLength(0);
    // Disconnected like any connector: workers get nothing until an admin's Get token, which stores the key again.
    expect(await statusOf(db, other.id)).toMatchObject({ label: "Disconnected" });
    // Like any connector's token, what this process handed out stays cached for TOKEN_CACHE_MS.
    await new Promise((resolve) => setTimeout(resolve, TOKEN_CACHE_MS + 50));
    await expect(workerToken(db, config, (await apiKey(db, other.id)).requester, other.id)).rejects.toMatchObject({ code: "disconnected" });
    expect(await obtainClientCredentialsToken(db, config, other.actor, other.id)).toMatchObject({ ok: true });
    expect(await statusOf(db, other.id)).toMatchObject({ label: "No known expiry" });
  });

  it("moving the API Base URL to another origin refuses to keep the stored key, changing nothing; with the key entered again it works", async () => {
    const { db } = ctx();
    const [key, fresh] = [secret("origin"), secret("again")];
    const { id, actor, form } = await staticConnector(db, { credentialType: "api_key", apiKey: key, apiKeyHeader: "X-Api-Key", headerPrefix: "" });
    const { requester } = await apiKey(db, id);
    await workerToken(db, config, requester, id);
    const before = await db.connector.findUniqueOrThrow({ where: { id } });

    const moved = { ...form, apiBaseUrl: `${elsewhere.origin}/api` };
    await expect(updateConnector(db, config, actor, id, schema.parse(moved))).rejects.toMatchObject({
      code: "INVALID_INPUT",
      field: "apiKey",
      message: ORIGIN_CHANGED_KEY,
    });
    expect(await db.connector.findUniqueOrThrow({ where: { id } })).toMatchObject({
      apiBaseUrl: before.apiBaseUrl,
      configVersion: before.configVersion,
      apiKeyEnc: before.apiKeyEnc,
    });
    await textOf(await forward(deps, id, requester, { path: "still-here" }));
    expect(upstream.requests.map((request) => request.headers["x-api-key"])).toEqual([key]);
    expect(elsewhere.requests).toHaveLength(0);

    // A path on the same origin is the same vendor: the key stays.
    await updateConnector(db, config, actor, id, schema.parse({ ...form, apiBaseUrl: `${upstream.origin}/api/v2` }));
    expect((await workerToken(db, config, requester, id)).access_token).toBe(key);

    await updateConnector(db, config, actor, id, schema.parse({ ...moved, apiKey: fresh }));
    await textOf(await forward(deps, id, requester, { path: "moved" }));
    expect(elsewhere.requests.map((request) => [request.url, request.headers["x-api-key"]])).toEqual([["/api/moved", fresh]]);

    // Basic Auth: both halves again, or nothing changes.
    const pair = await staticConnector(db, { credentialType: "basic", basicUsername: "user", basicPassword: "pass" });
    await expect(
      updateConnector(db, config, pair.actor, pair.id, schema.parse({ ...pair.form, apiBaseUrl: `${elsewhere.origin}/api`, basicPassword: "new" })),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      field: "basicUsername",
    });
  });
});
