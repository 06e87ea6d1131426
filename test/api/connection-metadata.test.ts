/**
 * Connection metadata end to end, on both databases: a local vendor whose token response names
 * the customer's API address (`instance_url`, as Salesforce does) or nests the user token under
 * `authed_user` (as Slack does), and a redirect that carries `realmId` (as QuickBooks does).
 * The token endpoint returns what the connector keeps under `metadata`; the proxy fills an API
 * Base URL template from it and checks the result (SECURITY 41); the connector page's query
 * gives a viewer no sensitive value.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { startScriptedServer, tokenResponse, type ScriptedResponse, type ScriptedServer } from "../support/scripted-server";
import type { Db } from "@/lib/db";
import { ApiError } from "@/lib/machine-api/api-error";
import { completeAuthorization, startAuthorization } from "@/lib/authorization/service";
import { connectorSchema, defaultConnectorValues, type ConnectorFormValues } from "@/lib/connectors/schema";
import { createConnector } from "@/lib/connectors/service";
import { workerRefresh, workerToken } from "@/lib/proxy/token-endpoint";
import { getTokenSummary } from "@/lib/tokens/queries";
import { admin, apiKey, authorizedAWhileAgo, config, proxyDeps } from "./support/fixtures";
import { forward, textOf } from "./support/forwarding";
import { startUpstream, type Upstream } from "./support/upstream";

const schema = connectorSchema({ allowLoopback: true });
const REALM_ID = "4620816365";

let vendor: ScriptedServer;
let api: Upstream;
let otherApi: Upstream;
/** What the vendor's token endpoint answers next; each test sets it. */
let answer: () => ScriptedResponse;

beforeAll(async () => {
  vendor = await startScriptedServer(() => answer());
  api = await startUpstream();
  otherApi = await startUpstream();
});
afterAll(async () => {
  await Promise.all([vendor?.close(), api?.close(), otherApi?.close()]);
});
beforeEach(() => {
  api.requests.length = 0;
  otherApi.requests.length = 0;
});

let counter = 0;

/** An authorization-code connector at the scripted vendor. */
async function metadataConnector(db: Db, values: Partial<ConnectorFormValues>): Promise<string> {
  const input = schema.parse({
    ...defaultConnectorValues(),
    name: `Metadata ${++counter}-${Date.now()}`,
    grantType: "authorization_code",
    authUrl: `${vendor.url}/authorize`,
    tokenUrl: `${vendor.url}/token`,
    clientId: "metadata-client",
    clientSecret: "metadata-client-secret",
    ...values,
  });
  return (await createConnector(db, config.keyRing, await admin(db), input)).id;
}

/** An admin's Authorize, with the redirect back carrying `redirectParams` besides code and state. */
async function authorize(db: Db, connectorId: string, redirectParams: Record<string, string> = {}): Promise<void> {
  const session = { actor: await admin(db), sessionId: `session-${connectorId}` };
  const state = new URL(await startAuthorization(db, config, session, connectorId)).searchParams.get("state");
  const outcome = await completeAuthorization(db, config, session, new URLSearchParams({ state: state ?? "", code: "metadata-code", ...redirectParams }));
  if (outcome.kind !== "authorized") throw new Error(`authorization failed: ${JSON.stringify(outcome)}`);
  await authorizedAWhileAgo(db, connectorId);
}

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

const SALESFORCE_LIKE: Partial<ConnectorFormValues> = {
  apiBaseUrl: "{instance_url}/services/data/v61.0",
  metadataFields: [
    { source: "token", name: "instance_url", sensitive: false },
    { source: "redirect", name: "realmId", sensitive: true },
  ],
};

describeEachDatabase("connection metadata", (ctx) => {
  it("the token endpoint returns metadata and the proxy sends to {instance_url}/services/data/v61.0/… with the token", async () => {
    const { db } = ctx();
    answer = () => tokenResponse("sf-access-1", { refresh_token: "sf-refresh", instance_url: api.origin, signature: "kept-but-not-asked-for" });
    const id = await metadataConnector(db, SALESFORCE_LIKE);
    await authorize(db, id, { realmId: REALM_ID });
    const { requester } = await apiKey(db, id);

    const body = await workerToken(db, config, requester, id);
    expect(body.access_token).toBe("sf-access-1");
    // The sensitive redirect field is the sync job's too: "sensitive" only hides it from viewers.
    expect(body.metadata).toEqual({ instance_url: api.origin, realmId: REALM_ID });

    const deps = proxyDeps(db);
    try {
      const result = await forward(deps, id, requester, { path: "sobjects/Account", query: "limit=5" });
      expect(result.status).toBe(200);
      expect(result.target.href).toBe(`${api.origin}/services/data/v61.0/sobjects/Account?limit=5`);
      await textOf(result);
      expect(api.requests).toHaveLength(1);
      expect(api.requests[0]).toMatchObject({ method: "GET", url: "/services/data/v61.0/sobjects/Account?limit=5" });
      expect(api.requests[0]?.headers.authorization).toBe("Bearer sf-access-1");

      // A renewal whose answer names another instance: the metadata and the proxy follow the new token at once.
      answer = () => tokenResponse("sf-access-2", { instance_url: otherApi.origin });
      const renewed = await workerRefresh(db, config, requester, id);
      expect([renewed.access_token, renewed.refreshed]).toEqual(["sf-access-2", true]);
      expect(renewed.metadata).toEqual({ instance_url: otherApi.origin, realmId: REALM_ID });
      expect((await workerToken(db, config, requester, id)).metadata).toEqual(renewed.metadata);
      const moved = await forward(deps, id, requester, { path: "limits" });
      await textOf(moved);
      expect(otherApi.requests.map((request) => [request.url, request.headers.authorization])).toEqual([["/services/data/v61.0/limits", "Bearer sf-access-2"]]);
      expect(api.requests).toHaveLength(1);
    } finally {
      await deps.pool.close();
    }
  });

  it("reads a nested access token (Slack's authed_user) and fills a placeholder inside the path", async () => {
    const { db } = ctx();
    answer = () => ({
      status: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        ok: true,
        access_token: "xoxb-bot",
        token_type: "bot",
        team: { id: "T9TK3CUKW", name: "Acme" },
        authed_user: { id: "U1234", access_token: "xoxp-user", token_type: "Bearer" },
      }),
    });
    const id = await metadataConnector(db, {
      accessTokenPath: "authed_user",
      apiBaseUrl: `${api.origin}/teams/{team.id}/api`,
      metadataFields: [
        { source: "token", name: "team.id", sensitive: false },
        { source: "token", name: "authed_user.id", sensitive: false },
        { source: "token", name: "team.missing", sensitive: false },
      ],
    });
    await authorize(db, id);
    const { requester } = await apiKey(db, id);

    const body = await workerToken(db, config, requester, id);
    expect(body.access_token).toBe("xoxp-user");
    expect(body.metadata).toEqual({ "team.id": "T9TK3CUKW", "authed_user.id": "U1234" });

    const deps = proxyDeps(db);
    try {
      await textOf(await forward(deps, id, requester, { path: "users.list" }));
      expect(api.requests.map((request) => [request.url, request.headers.authorization])).toEqual([["/teams/T9TK3CUKW/api/users.list", "Bearer xoxp-user"]]);
    } finally {
      await deps.pool.close();
    }
  });

  it("refuses to proxy when a placeholder is unfilled: no token yet, or the vendor did not send the field", async () => {
    const { db } = ctx();
    const deps = proxyDeps(db);
    try {
      const unauthorized = await metadataConnector(db, SALESFORCE_LIKE);
      const early = await apiKey(db, unauthorized);
      // No token, so no metadata either: the worker learns that the connector needs authorizing.
      expect((await refusal(forward(deps, unauthorized, early.requester))).code).toBe("not_authorized");

      answer = () => tokenResponse("no-instance-access", { refresh_token: "r" });
      const id = await metadataConnector(db, SALESFORCE_LIKE);
      await authorize(db, id);
      const { requester } = await apiKey(db, id);
      expect((await workerToken(db, config, requester, id)).metadata).toEqual({});

      const error = await refusal(forward(deps, id, requester, { path: "sobjects" }));
      expect([error.code, error.status, error.body().field]).toEqual(["api_base_url_incomplete", 409, "instance_url"]);
      expect(error.message).toContain('"instance_url"');
      // A bad path is still refused as such, before the base URL matters.
      expect((await refusal(forward(deps, id, requester, { path: "a/../../b" }))).code).toBe("bad_path");
      expect(api.requests).toHaveLength(0);
    } finally {
      await deps.pool.close();
    }
  });

  it("refuses a metadata value that does not make an acceptable https URL, without quoting it", async () => {
    const { db } = ctx();
    const deps = proxyDeps(db);
    const strictDeps = { ...deps, config: { ...config, devAllowLoopback: false } };
    const { requester } = await apiKey(db);
    try {
      const refusedWith = async (instanceUrl: string, useDeps = deps) => {
        answer = () => tokenResponse(`access-${++counter}`, { instance_url: instanceUrl });
        const id = await metadataConnector(db, SALESFORCE_LIKE);
        await authorize(db, id);
        const error = await refusal(forward(useDeps, id, requester, { path: "sobjects" }));
        expect(error.message).not.toContain(instanceUrl);
        return [error.code, error.status, error.body().field];
      };
      const expected = ["api_base_url_refused", 409, "instance_url"];
      // The vendor's API on loopback, without LATCHKEY_DEV_ALLOW_LOOPBACK: not https, and a loopback address.
      expect(await refusedWith(api.origin, strictDeps)).toEqual(expected);
      expect(await refusedWith("https://127.0.0.1:9", strictDeps)).toEqual(expected);
      // Refused whatever the setting: other schemes, credentials, a query, text that is no URL.
      expect(await refusedWith("ftp://files.example.com")).toEqual(expected);
      expect(await refusedWith("javascript:alert(1)")).toEqual(expected);
      expect(await refusedWith(`http://user:pass@${api.origin.slice("http://".length)}`)).toEqual(expected);
      expect(await refusedWith(`${api.origin}/?next=`)).toEqual(expected);
      expect(await refusedWith("acme.my.salesforce.com")).toEqual(expected);

      // Inside the URL, a value may only be a plain name: no separators, no dot segments.
      for (const teamId of ["..", "a/b", "x@evil.example", "T9?x=1", "T9#frag", "T 9"]) {
        answer = () => tokenResponse(`access-${++counter}`, { team: { id: teamId } });
        const id = await metadataConnector(db, {
          apiBaseUrl: `${api.origin}/teams/{team.id}`,
          metadataFields: [{ source: "token", name: "team.id", sensitive: false }],
        });
        await authorize(db, id);
        const error = await refusal(forward(deps, id, requester, { path: "users" }));
        expect([error.code, error.body().field], teamId).toEqual(["api_base_url_refused", "team.id"]);
      }
      expect(api.requests).toHaveLength(0);
    } finally {
      await deps.pool.close();
    }
  });

  it("the connector page's query gives viewers no sensitive value, admins all of them", async () => {
    const { db } = ctx();
    answer = () => tokenResponse("page-access", { instance_url: "https://acme.my.salesforce.com", org_name: "plain-detail" });
    const id = await metadataConnector(db, {
      apiBaseUrl: "{instance_url}/services/data/v61.0",
      metadataFields: [
        { source: "token", name: "instance_url", sensitive: true },
        { source: "redirect", name: "realmId", sensitive: true },
        { source: "token", name: "never_sent", sensitive: false },
      ],
    });
    await authorize(db, id, { realmId: REALM_ID });

    const viewer = await getTokenSummary(db, id, { showSensitive: false });
    expect(viewer.token?.metadata).toEqual([
      { name: "instance_url", source: "token", sensitive: true, hidden: true, value: null },
      { name: "realmId", source: "redirect", sensitive: true, hidden: true, value: null },
      { name: "never_sent", source: "token", sensitive: false, hidden: false, value: null },
    ]);
    const viewerText = JSON.stringify(viewer);
    expect(viewerText).not.toContain("acme.my.salesforce.com");
    expect(viewerText).not.toContain(REALM_ID);
    // Extra fields not kept as metadata are still listed as details.
    expect(viewer.token?.details).toContainEqual({ name: "org_name", value: "plain-detail" });

    const adminView = await getTokenSummary(db, id, { showSensitive: true });
    expect(adminView.token?.metadata.map((field) => [field.name, field.value, field.hidden])).toEqual([
      ["instance_url", "https://acme.my.salesforce.com", false],
      ["realmId", REALM_ID, false],
      ["never_sent", null, false],
    ]);
    // Shown once, under connection metadata, not again as a detail.
    expect(adminView.token?.details.map((detail) => detail.name)).not.toContain("instance_url");
  });
});
