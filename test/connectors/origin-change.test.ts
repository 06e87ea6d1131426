/**
 * Issue 10, finding 2: the write-only Client Secret and the stored tokens cannot be exfiltrated by
 * repointing a vendor URL. An edit that moves the Auth, Access Token, Refresh or Revocation URL to
 * another origin must carry the Client Secret again, and the stored tokens are revoked at the OLD
 * revocation endpoint (old URL, old secret) and deleted; the connector stays enabled, "Not
 * authorized". A path change on the same origin keeps both.
 *
 * Two real servers on 127.0.0.1: the old vendor (token and revocation endpoints, scripted) and a
 * "new origin" that records everything it receives: it must never see the old secret or a token.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { startScriptedServer, tokenResponse, waitUntil, type ScriptedRequest, type ScriptedServer } from "../support/scripted-server";
import { authorizeWithCode } from "../support/scripted-authorization";
import { adminActor, testConfig } from "../support/token-fixtures";
import { statusOf } from "../support/connector-status";
import type { Db } from "@/lib/db";
import { connectorSchema, defaultConnectorValues, type ConnectorFormValues } from "@/lib/connectors/schema";
import { createConnector } from "@/lib/connectors/service";
import { updateConnector } from "@/lib/connector-admin/service";
import { readStoredToken } from "@/lib/tokens/token-store";
import { ensureFreshToken } from "@/lib/tokens/fresh-token";
import { disconnectConnector } from "@/lib/tokens/disconnect";
import { unsealField } from "@/lib/secrets/sealed-fields";

const config = testConfig();
const schema = connectorSchema({ allowLoopback: true });
const OLD_SECRET = "old-client-secret-9f8e7d";
const NEW_SECRET = "new-client-secret-1a2b3c";
const ORIGIN_CHANGED = "The vendor URL's origin changed: enter the Client Secret again.";
let oldVendor: ScriptedServer;
let newOrigin: ScriptedServer;
let issued = 0;

beforeAll(async () => {
  oldVendor = await startScriptedServer((request) =>
    request.path.startsWith("/revoke") ? { status: 200, body: "" } : tokenResponse(`old-access-${++issued}`, { refresh_token: `old-refresh-${issued}` }),
  );
  newOrigin = await startScriptedServer(() => tokenResponse(`new-access-${++issued}`, { refresh_token: `new-refresh-${issued}` }));
});
afterAll(async () => {
  await oldVendor?.close();
  await newOrigin?.close();
});
beforeEach(() => {
  oldVendor.requests.length = 0;
  newOrigin.requests.length = 0;
});

function values(overrides: Partial<ConnectorFormValues> = {}): ConnectorFormValues {
  return {
    ...defaultConnectorValues(),
    name: `Repointed ${++issued}`,
    authUrl: `${oldVendor.url}/authorize`,
    tokenUrl: `${oldVendor.url}/token`,
    revocationUrl: `${oldVendor.url}/revoke`,
    clientId: "client-id",
    clientSecret: OLD_SECRET,
    scopes: ["read"],
    ...overrides,
  };
}

/** A connector authorized at the old vendor, holding an access and a refresh token. */
async function authorizedConnector(db: Db, overrides: Partial<ConnectorFormValues> = {}) {
  const admin = await adminActor(db);
  const initial = values(overrides);
  const { id } = await createConnector(db, config.keyRing, admin, schema.parse(initial));
  expect(await authorizeWithCode(db, config, id)).toMatchObject({ kind: "authorized" });
  const stored = await readStoredToken(db, config.keyRing, id);
  expect(stored?.refreshToken).toMatch(/^old-refresh-/);
  // Authorized a minute ago: a forced renewal shares any vendor call of the last 10 s.
  const aMinuteAgo = new Date(Date.now() - 60_000);
  await db.token.update({ where: { connectorId: id }, data: { lastAttemptAt: aMinuteAgo, lastRefreshedAt: aMinuteAgo } });
  oldVendor.requests.length = 0;
  return { id, admin, initial, stored: stored! };
}

/** Everything a request carried, with Basic credentials decoded, to search for leaked values. */
function everythingIn(requests: ScriptedRequest[]): string {
  return requests
    .map((r) => {
      const basic = /^Basic (.+)$/.exec(String(r.headers.authorization ?? ""))?.[1];
      return [r.path, JSON.stringify(r.headers), r.rawBody, basic ? Buffer.from(basic, "base64").toString("utf8") : ""].join("\n");
    })
    .join("\n");
}

describeEachDatabase("editing a connector's vendor URLs to another origin", (ctx) => {
  for (const field of ["authUrl", "tokenUrl", "refreshUrl", "revocationUrl"] as const) {
    it(`refuses to move the ${field} to another origin with the Client Secret left blank, changing nothing`, async () => {
      const { db } = ctx();
      const { id, admin, initial } = await authorizedConnector(db);
      const before = await db.connector.findUniqueOrThrow({ where: { id } });
      const moved = { ...initial, clientSecret: "", [field]: `${newOrigin.url}/${field}` };

      await expect(updateConnector(db, config, admin, id, schema.parse(moved))).rejects.toMatchObject({
        code: "INVALID_INPUT",
        field: "clientSecret",
        message: ORIGIN_CHANGED,
      });

      const after = await db.connector.findUniqueOrThrow({ where: { id } });
      expect(after).toMatchObject({ configVersion: before.configVersion, clientSecretEnc: before.clientSecretEnc, [field]: before[field] });
      expect((await readStoredToken(db, config.keyRing, id))?.refreshToken).toMatch(/^old-refresh-/);
      expect(oldVendor.requests).toHaveLength(0);
      expect(newOrigin.requests).toHaveLength(0);
    });
  }

  it("with the secret entered again: revokes at the OLD revocation endpoint with the old secret, deletes the tokens, stays enabled and 'Not authorized'", async () => {
    const { db } = ctx();
    const { id, admin, initial, stored } = await authorizedConnector(db);
    // The attacker's version of the edit: every secret-receiving URL on its own server.
    const moved = {
      ...initial,
      clientSecret: NEW_SECRET,
      tokenUrl: `${newOrigin.url}/token`,
      refreshUrl: `${newOrigin.url}/refresh`,
      revocationUrl: `${newOrigin.url}/revoke`,
    };

    const result = await updateConnector(db, config, admin, id, schema.parse(moved));
    expect(result.originChanged).toEqual(["tokenUrl", "refreshUrl", "revocationUrl"]);

    const revocations = oldVendor.requests.filter((r) => r.path === "/revoke");
    expect(revocations.map((r) => r.form.token)).toEqual([stored.refreshToken, stored.accessToken]);
    expect(revocations.map((r) => r.form.token_type_hint)).toEqual(["refresh_token", "access_token"]);
    expect(revocations.map((r) => Buffer.from(String(r.headers.authorization).slice(6), "base64").toString())).toEqual([
      `client-id:${OLD_SECRET}`,
      `client-id:${OLD_SECRET}`,
    ]);

    expect(await db.token.count({ where: { connectorId: id } })).toBe(0);
    const row = await db.connector.findUniqueOrThrow({ where: { id } });
    expect(row.state).toBe("enabled");
    expect(unsealField(config.keyRing, "Connector.clientSecret", id, row.clientSecretEnc!)).toBe(NEW_SECRET);
    expect(await statusOf(db, id)).toMatchObject({ label: "Not authorized" });

    // Nothing automatic reaches the new origin with what the old configuration held.
    expect(await ensureFreshToken(db, config, id, { force: true })).toMatchObject({ ok: false, error: { code: "not_authorized" } });
    expect(await disconnectConnector(db, config, admin, id)).toMatchObject({ hadToken: false });
    const seenByNewOrigin = everythingIn(newOrigin.requests);
    for (const leaked of [OLD_SECRET, stored.refreshToken!, stored.accessToken!]) expect(seenByNewOrigin).not.toContain(leaked);

    const event = await db.event.findFirstOrThrow({ where: { connectorId: id, type: "connector.origin_changed" } });
    expect(JSON.parse(event.detail)).toEqual({ urls: ["tokenUrl", "refreshUrl", "revocationUrl"], revocation: "revoked" });
    const details = (await db.event.findMany({ where: { connectorId: id } })).map((e) => e.detail).join("\n");
    for (const secret of [OLD_SECRET, NEW_SECRET, stored.refreshToken!, stored.accessToken!, newOrigin.url]) expect(details).not.toContain(secret);
  });

  it("a refresh in flight at the old vendor finishes first; its rotated token is the one revoked, and the new origin gets nothing", async () => {
    const { db } = ctx();
    const { id, admin, initial } = await authorizedConnector(db);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    oldVendor.respondWith(async (request) => {
      if (request.path.startsWith("/revoke")) return { status: 200, body: "" };
      await held;
      return tokenResponse("rotated-access", { refresh_token: "rotated-refresh" });
    });
    try {
      const refreshing = ensureFreshToken(db, config, id, { force: true });
      await waitUntil(() => oldVendor.inFlight() === 1, "the refresh reaches the old vendor");
      const editing = updateConnector(db, config, admin, id, schema.parse({ ...initial, clientSecret: NEW_SECRET, tokenUrl: `${newOrigin.url}/token` }));
      await waitUntil(
        async () => (await db.event.count({ where: { connectorId: id, type: "connector.updated" } })) === 0 && oldVendor.inFlight() === 1,
        "the edit waits",
      );
      release();
      expect(await refreshing).toMatchObject({ ok: true, accessToken: "rotated-access" });
      await editing;
    } finally {
      oldVendor.respondWith((request) =>
        request.path.startsWith("/revoke") ? { status: 200, body: "" } : tokenResponse(`old-access-${++issued}`, { refresh_token: `old-refresh-${issued}` }),
      );
    }
    expect(oldVendor.requests.filter((r) => r.path === "/revoke").map((r) => r.form.token)).toEqual(["rotated-refresh", "rotated-access"]);
    expect(await db.token.count({ where: { connectorId: id } })).toBe(0);
    expect(newOrigin.requests).toHaveLength(0);
  });

  it("a Revocation URL moved on its own: the old tokens are revoked at the old one, never at the new", async () => {
    const { db } = ctx();
    const { id, admin, initial, stored } = await authorizedConnector(db);
    await updateConnector(db, config, admin, id, schema.parse({ ...initial, clientSecret: NEW_SECRET, revocationUrl: `${newOrigin.url}/revoke` }));
    expect(oldVendor.requests.filter((r) => r.path === "/revoke").map((r) => r.form.token)).toEqual([stored.refreshToken, stored.accessToken]);
    expect(newOrigin.requests).toHaveLength(0);
    expect(await db.token.count({ where: { connectorId: id } })).toBe(0);
  });

  it("a URL set for the first time counts as moved unless it is on the Access Token URL's origin", async () => {
    const { db } = ctx();
    const { id, admin, initial } = await authorizedConnector(db, { revocationUrl: "" });
    await expect(
      updateConnector(db, config, admin, id, schema.parse({ ...initial, clientSecret: "", refreshUrl: `${newOrigin.url}/refresh` })),
    ).rejects.toMatchObject({ field: "clientSecret" });
    await updateConnector(db, config, admin, id, schema.parse({ ...initial, clientSecret: "", revocationUrl: `${oldVendor.url}/oauth/revoke` }));
    expect((await readStoredToken(db, config.keyRing, id))?.refreshToken).toMatch(/^old-refresh-/);
  });

  it("a path-only change on the same origin keeps the secret and the tokens and calls no vendor", async () => {
    const { db } = ctx();
    const { id, admin, initial, stored } = await authorizedConnector(db);
    const before = await db.connector.findUniqueOrThrow({ where: { id } });
    const samePlace = {
      ...initial,
      clientSecret: "",
      authUrl: `${oldVendor.url}/v2/authorize?prompt=consent`,
      tokenUrl: `${oldVendor.url}/v2/token`,
      refreshUrl: `${oldVendor.url}/v2/refresh`,
      revocationUrl: `${oldVendor.url}/v2/revoke`,
    };
    const result = await updateConnector(db, config, admin, id, schema.parse(samePlace));
    expect(result.originChanged).toEqual([]);
    const after = await db.connector.findUniqueOrThrow({ where: { id } });
    expect(after.clientSecretEnc).toBe(before.clientSecretEnc);
    expect(await readStoredToken(db, config.keyRing, id)).toMatchObject({ accessToken: stored.accessToken, refreshToken: stored.refreshToken });
    expect(oldVendor.requests).toHaveLength(0);
    expect(await db.event.count({ where: { connectorId: id, type: "connector.origin_changed" } })).toBe(0);
  });

  it("a connector without a stored secret (PKCE public client) may move without one, and still loses its tokens", async () => {
    const { db } = ctx();
    const { id, admin, initial, stored } = await authorizedConnector(db, { clientSecret: "" });
    const result = await updateConnector(db, config, admin, id, schema.parse({ ...initial, clientSecret: "", tokenUrl: `${newOrigin.url}/token` }));
    expect(result.originChanged).toEqual(["tokenUrl"]);
    expect(oldVendor.requests.filter((r) => r.path === "/revoke").map((r) => r.form.token)).toEqual([stored.refreshToken, stored.accessToken]);
    expect(await db.token.count({ where: { connectorId: id } })).toBe(0);
    expect(newOrigin.requests).toHaveLength(0);
  });
});
