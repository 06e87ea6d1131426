/**
 * The OAuth flows end to end through the real services: the test vendor (oidc-provider) on
 * 127.0.0.1, the real database (SQLite and PostgreSQL), the guarded HTTP client.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { testKeyRing } from "../support/test-keys";
import { startTestVendor, type TestVendor } from "@/e2e/vendor/test-vendor";
import { followToRedirectUri } from "@/e2e/vendor/browserless-authorization";
import type { Config } from "@/lib/env";
import type { Db } from "@/lib/db";
import { connectorSchema, defaultConnectorValues, type ConnectorFormValues } from "@/lib/connectors/schema";
import { createConnector } from "@/lib/connectors/service";
import { updateConnector } from "@/lib/connector-admin/service";
import { completeAuthorization, startAuthorization, type AuthorizingSession } from "@/lib/authorization/service";
import { obtainClientCredentialsToken, refreshNow } from "@/lib/tokens/service";
import { readStoredToken } from "@/lib/tokens/token-store";
import { disconnectConnector } from "@/lib/tokens/disconnect";

const REDIRECT_URI = "http://localhost:3999/oauth2/redirect_url";
const schema = connectorSchema({ allowLoopback: true });
let vendor: TestVendor;
const config = { keyRing: testKeyRing("k1"), devAllowLoopback: true, redirectUri: REDIRECT_URI, publicUrl: "http://localhost:3999" } as Config;

beforeAll(async () => {
  vendor = await startTestVendor({ autoApprove: true, redirectUris: [REDIRECT_URI] });
});
afterAll(async () => {
  await vendor?.close();
});

async function adminSession(db: Db, email: string, sessionId = `session-${email}`): Promise<AuthorizingSession> {
  const user = await db.user.upsert({ where: { email }, create: { id: `u-${email}`, email, role: "admin" }, update: {} });
  return { actor: { userId: user.id, label: user.email }, sessionId };
}

function connector(overrides: Partial<ConnectorFormValues>) {
  return schema.parse({
    ...defaultConnectorValues(),
    authUrl: vendor.authorizationEndpoint,
    tokenUrl: vendor.tokenEndpoint,
    clientId: vendor.clients.authCode.id,
    clientSecret: vendor.clients.authCode.secret,
    scopes: ["openid", "read:items"],
    ...overrides,
  });
}

/** Starts an authorization and lets the (auto-approving) vendor redirect back. */
async function authorizeAtVendor(db: Db, session: AuthorizingSession, connectorId: string): Promise<URLSearchParams> {
  const url = await startAuthorization(db, config, session, connectorId);
  return (await followToRedirectUri(url, { redirectUri: REDIRECT_URI })).searchParams;
}

describeEachDatabase("OAuth flows against the test vendor", (ctx) => {
  it("authorization code with PKCE and extra auth parameters stores an active token with a refresh token", async () => {
    const { db } = ctx();
    const session = await adminSession(db, "alice@example.com");
    const { id } = await createConnector(
      db,
      config.keyRing,
      session.actor,
      connector({
        name: "Auth code",
        extras: {
          auth: { headers: [], params: [{ name: "prompt", value: "consent" }] },
          token: { headers: [{ name: "X-Tenant", value: "acme" }], params: [{ name: "audience", value: "items" }] },
          refresh: { headers: [], params: [] },
        },
      }),
    );
    vendor.requests.length = 0;
    const query = await authorizeAtVendor(db, session, id);
    const authorizeRequest = vendor.authorizationRequests()[0];
    expect(authorizeRequest?.query).toMatchObject({
      code_challenge_method: "S256",
      prompt: "consent",
      client_id: vendor.clients.authCode.id,
      scope: "openid read:items",
    });
    expect(authorizeRequest?.query.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const outcome = await completeAuthorization(db, config, session, query);
    expect(outcome).toMatchObject({ kind: "authorized", connectorId: id, noRefreshToken: false });
    const tokenRequest = vendor.tokenRequests()[0];
    expect(tokenRequest?.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(tokenRequest?.headers["x-tenant"]).toBe("acme");
    expect(tokenRequest?.body).toMatchObject({ grant_type: "authorization_code", audience: "items", redirect_uri: REDIRECT_URI });
    expect(tokenRequest?.body.code_verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);

    const stored = await readStoredToken(db, config.keyRing, id);
    expect(stored?.accessToken).toBeTruthy();
    expect(stored?.refreshToken).toBeTruthy();
    const row = await db.token.findUniqueOrThrow({ where: { connectorId: id } });
    expect(row.accessTokenEnc).not.toContain(stored!.accessToken);
    expect(row.status).toBe("active");
    expect(JSON.parse(row.extra)).not.toHaveProperty("access_token");
  });

  it("refuses a replayed state, another admin's state, an expired state and a changed connector, storing nothing", async () => {
    const { db } = ctx();
    const alice = await adminSession(db, "alice@example.com");
    const bob = await adminSession(db, "bob@example.com");
    const { id } = await createConnector(db, config.keyRing, alice.actor, connector({ name: "Replay target" }));

    const replayed = await authorizeAtVendor(db, alice, id);
    expect((await completeAuthorization(db, config, alice, replayed)).kind).toBe("authorized");
    const versionAfterFirst = (await db.token.findUniqueOrThrow({ where: { connectorId: id } })).version;
    expect(await completeAuthorization(db, config, alice, replayed)).toEqual({ kind: "rejected", reason: "state_used" });

    const stolen = await authorizeAtVendor(db, alice, id);
    expect(await completeAuthorization(db, config, bob, stolen)).toEqual({ kind: "rejected", reason: "other_session" });
    const otherBrowser = { ...alice, sessionId: "alice-second-browser" };
    expect(await completeAuthorization(db, config, otherBrowser, stolen)).toEqual({ kind: "rejected", reason: "other_session" });

    const expired = await authorizeAtVendor(db, alice, id);
    await db.pendingAuthorization.updateMany({ where: { usedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await completeAuthorization(db, config, alice, expired)).toEqual({ kind: "rejected", reason: "state_expired" });

    const changed = await authorizeAtVendor(db, alice, id);
    await updateConnector(db, config, alice.actor, id, connector({ name: "Replay target", clientSecret: "", tokenUrl: `${vendor.tokenEndpoint}?v=2` }));
    expect(await completeAuthorization(db, config, alice, changed)).toEqual({ kind: "rejected", reason: "connector_changed" });

    expect(await completeAuthorization(db, config, alice, new URLSearchParams({ code: "x", state: "made-up" }))).toEqual({
      kind: "rejected",
      reason: "unknown_state",
    });
    expect((await db.token.findUniqueOrThrow({ where: { connectorId: id } })).version).toBe(versionAfterFirst);
  });

  it("client credentials and refresh work with each client authentication method, and the wrong one is refused", async () => {
    const { db } = ctx();
    const session = await adminSession(db, "alice@example.com");
    for (const [client, method, wrong] of [
      [vendor.clients.basicOnly, "basic", "body"],
      [vendor.clients.postOnly, "body", "basic"],
    ] as const) {
      const base = { grantType: "client_credentials" as const, clientId: client.id, clientSecret: client.secret, scopes: ["api"] };
      const good = await createConnector(db, config.keyRing, session.actor, connector({ ...base, name: `CC ${method}`, clientAuth: method }));
      vendor.requests.length = 0;
      const obtained = await obtainClientCredentialsToken(db, config, session.actor, good.id);
      expect(obtained.ok).toBe(true);
      const sent = vendor.tokenRequests()[0]!;
      if (method === "basic") {
        expect(sent.headers.authorization).toMatch(/^Basic /);
        expect(sent.body).not.toHaveProperty("client_secret");
      } else {
        expect(sent.headers.authorization).toBeUndefined();
        expect(sent.body).toMatchObject({ client_id: client.id, client_secret: client.secret });
      }
      const before = await readStoredToken(db, config.keyRing, good.id);
      expect((await refreshNow(db, config, session.actor, good.id)).ok).toBe(true);
      expect((await readStoredToken(db, config.keyRing, good.id))?.accessToken).not.toBe(before?.accessToken);

      const bad = await createConnector(db, config.keyRing, session.actor, connector({ ...base, name: `CC wrong ${method}`, clientAuth: wrong }));
      const refused = await obtainClientCredentialsToken(db, config, session.actor, bad.id);
      expect(refused).toMatchObject({ ok: false, error: { code: "invalid_client" } });
      // No token, but the attempt is on record with its backoff, so workers cannot hammer the vendor.
      expect(await db.token.findUniqueOrThrow({ where: { connectorId: bad.id } })).toMatchObject({
        accessTokenEnc: null,
        status: "check_client",
        lastErrorCode: "invalid_client",
        failureCount: 1,
      });
    }
  });

  it("refresh rotates the refresh token, sends the refresh extras, and a revoked grant ends in needs_reauth without losing the stored token", async () => {
    const { db } = ctx();
    const session = await adminSession(db, "alice@example.com");
    const { id } = await createConnector(
      db,
      config.keyRing,
      session.actor,
      connector({
        name: "Rotating",
        clientAuth: "body",
        extras: {
          auth: { headers: [], params: [] },
          token: { headers: [], params: [] },
          refresh: { headers: [{ name: "X-Refresh", value: "yes" }], params: [{ name: "audience", value: "refresh-aud" }] },
        },
      }),
    );
    expect((await completeAuthorization(db, config, session, await authorizeAtVendor(db, session, id))).kind).toBe("authorized");
    const first = await readStoredToken(db, config.keyRing, id);

    vendor.requests.length = 0;
    expect((await refreshNow(db, config, session.actor, id)).ok).toBe(true);
    const refreshRequest = vendor.tokenRequests()[0]!;
    expect(refreshRequest.headers["x-refresh"]).toBe("yes");
    expect(refreshRequest.body).toMatchObject({ grant_type: "refresh_token", refresh_token: first!.refreshToken, audience: "refresh-aud" });
    const second = await readStoredToken(db, config.keyRing, id);
    expect(second?.refreshToken).not.toBe(first?.refreshToken);

    await vendor.revokeAllGrants(vendor.clients.authCode.id);
    const failed = await refreshNow(db, config, session.actor, id);
    expect(failed).toMatchObject({ ok: false, error: { code: "invalid_grant" } });
    const after = await readStoredToken(db, config.keyRing, id);
    expect(after).toMatchObject({ accessToken: second!.accessToken, refreshToken: second!.refreshToken, status: "needs_reauth" });
    const event = await db.event.findFirstOrThrow({ where: { connectorId: id, type: "token.refreshed_failed" } });
    expect(event.errorCode).toBe("invalid_grant");
    expect(event.detail).not.toContain(second!.refreshToken!);
  });

  it("disconnect revokes the refresh token at the vendor (RFC 7009), then deletes the stored tokens", async () => {
    const { db } = ctx();
    const session = await adminSession(db, "alice@example.com");
    const { id } = await createConnector(db, config.keyRing, session.actor, connector({ name: "Disconnect me", revocationUrl: vendor.revocationEndpoint }));
    expect((await completeAuthorization(db, config, session, await authorizeAtVendor(db, session, id))).kind).toBe("authorized");
    const stored = await readStoredToken(db, config.keyRing, id);
    vendor.requests.length = 0;

    expect(await disconnectConnector(db, config, session.actor, id)).toEqual({ hadToken: true, revocation: "revoked", error: null });
    const revocations = vendor.requests.filter((r) => r.path.endsWith("/revoke"));
    expect(revocations.map((r) => r.body.token_type_hint)).toEqual(["refresh_token", "access_token"]);
    expect(revocations[0]?.body.token).toBe(stored!.refreshToken);
    expect(await db.token.count({ where: { connectorId: id } })).toBe(0);
    expect(await db.connector.count({ where: { id } })).toBe(1);

    // The vendor no longer honours the revoked refresh token.
    const refresh = await fetch(vendor.tokenEndpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: stored!.refreshToken!,
        client_id: vendor.clients.authCode.id,
        client_secret: vendor.clients.authCode.secret,
      }),
    });
    expect(((await refresh.json()) as { error?: string }).error).toBe("invalid_grant");
  });

  it("refuses a vendor URL on the link-local metadata address before connecting", async () => {
    const { db } = ctx();
    const session = await adminSession(db, "alice@example.com");
    const { id } = await createConnector(
      db,
      config.keyRing,
      session.actor,
      connector({
        name: "Metadata",
        grantType: "client_credentials",
        tokenUrl: "http://169.254.169.254/latest/meta-data/token",
      }),
    );
    const outcome = await obtainClientCredentialsToken(db, config, session.actor, id);
    expect(outcome).toMatchObject({ ok: false, error: { code: "blocked_address" } });
  });
});
