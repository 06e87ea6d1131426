/**
 * Signed JWT client authentication (private_key_jwt, RFC 7523 §2.2) through the real lifecycle
 * (Get token, Authorize, Refresh now, Disconnect, a worker's fresh token) against the real
 * oidc-provider test vendor, which verifies every assertion itself (signature, iss = sub =
 * client_id, aud, exp, a jti never seen before), on both databases. Two ways a vendor knows the
 * public key: registered with the client (the test keys of e2e/vendor/client-keys.ts), or fetched
 * from the connector's JWKS URL, served by the real route handler on a real HTTP server from a key
 * pair the connector generated (SECURITY 44).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { TEST_EC_KEY_ID, TEST_EC_PRIVATE_KEY, TEST_RSA_KEY_ID, TEST_RSA_PRIVATE_KEY } from "@/e2e/vendor/client-keys";
import { followToRedirectUri } from "@/e2e/vendor/browserless-authorization";
import { startTestVendor, type TestVendor } from "@/e2e/vendor/test-vendor";
import { GET as jwksRoute } from "@/app/api/v1/connectors/[id]/jwks.json/route";
import { completeAuthorization, startAuthorization } from "@/lib/authorization/service";
import { generateConnectorKeyPair } from "@/lib/connectors/key-pair";
import { connectorSchema, defaultConnectorValues, type ConnectorFormValues } from "@/lib/connectors/schema";
import { createConnector } from "@/lib/connectors/service";
import { CLIENT_ASSERTION_TYPE } from "@/lib/oauth";
import { disconnectConnector } from "@/lib/tokens/disconnect";
import { ensureFreshToken, obtainClientCredentialsToken, refreshNow } from "@/lib/tokens/service";
import { readStoredToken } from "@/lib/tokens/token-store";
import { describeEachDatabase } from "../support/databases";
import { REDIRECT_URI, adminActor, testConfig } from "../support/token-fixtures";

const config = testConfig();
const schema = connectorSchema({ allowLoopback: true });
const globals = globalThis as unknown as { latchkeyDb?: unknown };

let vendor: TestVendor;
let jwksServer: Server;
let jwksOrigin: string;
const jwksFetches: string[] = [];

beforeAll(async () => {
  vendor = await startTestVendor({ autoApprove: true, redirectUris: [REDIRECT_URI] });
  // The JWKS route handler itself, behind a plain HTTP server: what a vendor's fetch reaches.
  jwksServer = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const id = /^\/api\/v1\/connectors\/([^/]+)\/jwks\.json$/.exec(url.pathname)?.[1];
    if (!id) return void res.writeHead(404).end();
    jwksFetches.push(id);
    void jwksRoute(new Request(url), { params: Promise.resolve({ id: decodeURIComponent(id) }) }).then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(await response.text());
    });
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, "127.0.0.1", resolve));
  jwksOrigin = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await vendor?.close();
  await new Promise((resolve) => jwksServer?.close(resolve));
});

function keyConnector(overrides: Partial<ConnectorFormValues>) {
  return schema.parse({
    ...defaultConnectorValues(),
    grantType: "client_credentials",
    authUrl: vendor.authorizationEndpoint,
    tokenUrl: vendor.tokenEndpoint,
    revocationUrl: vendor.revocationEndpoint,
    clientId: vendor.clients.privateKeyJwt.id,
    clientAuth: "private_key_jwt",
    privateKey: TEST_RSA_PRIVATE_KEY,
    keyId: TEST_RSA_KEY_ID,
    signingAlg: "RS256",
    scopes: ["api"],
    ...overrides,
  });
}

/** The client assertion the vendor received, decoded (its signature was checked by the vendor). */
function assertionSent(request: { body: Record<string, string> }) {
  const [header, payload] = request.body
    .client_assertion!.split(".")
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>);
  return { header: header!, payload: payload! };
}

describeEachDatabase("private_key_jwt against the oidc-provider test vendor", (ctx) => {
  beforeAll(() => {
    globals.latchkeyDb = ctx().db; // what the JWKS route's getDb() hands out
  });
  afterAll(() => {
    delete globals.latchkeyDb;
  });

  it("Get token with a pasted key registered at the vendor: RS256, PS256 and ES256; a replayed assertion or a key the vendor does not know is invalid_client", async () => {
    const { db } = ctx();
    const actor = await adminActor(db);
    for (const [alg, privateKey, keyId] of [
      ["RS256", TEST_RSA_PRIVATE_KEY, TEST_RSA_KEY_ID],
      ["PS256", TEST_RSA_PRIVATE_KEY, TEST_RSA_KEY_ID],
      ["ES256", TEST_EC_PRIVATE_KEY, TEST_EC_KEY_ID],
    ] as const) {
      const { id } = await createConnector(db, config.keyRing, actor, keyConnector({ name: `Signed JWT ${alg}`, signingAlg: alg, privateKey, keyId }));
      vendor.requests.length = 0;
      expect(await obtainClientCredentialsToken(db, config, actor, id)).toMatchObject({ ok: true });
      const sent = vendor.tokenRequests()[0]!;
      expect(sent.headers.authorization).toBeUndefined();
      expect(sent.body).toMatchObject({
        grant_type: "client_credentials",
        client_id: vendor.clients.privateKeyJwt.id,
        client_assertion_type: CLIENT_ASSERTION_TYPE,
        scope: "api",
      });
      expect(sent.body).not.toHaveProperty("client_secret");
      const { header, payload } = assertionSent(sent);
      expect(header).toEqual({ alg, kid: keyId });
      expect(payload).toMatchObject({ iss: vendor.clients.privateKeyJwt.id, sub: vendor.clients.privateKeyJwt.id, aud: vendor.tokenEndpoint });
      expect(Number(payload.exp) - Number(payload.iat)).toBe(60);
      // The vendor remembers the jti: the same assertion sent again is refused.
      const replay = await fetch(vendor.tokenEndpoint, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: sent.rawBody,
      });
      expect(await replay.json()).toMatchObject({ error: "invalid_client" });
      expect((await readStoredToken(db, config.keyRing, id))?.accessToken).toMatch(/\S{20,}/);
      // A worker's fresh token comes from the store, no new assertion needed.
      expect(await ensureFreshToken(db, config, id)).toMatchObject({ ok: true });
    }

    const stranger = (await import("node:crypto"))
      .generateKeyPairSync("rsa", { modulusLength: 2048 })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    const { id } = await createConnector(db, config.keyRing, actor, keyConnector({ name: "Signed JWT unknown key", privateKey: stranger, keyId: "" }));
    expect(await obtainClientCredentialsToken(db, config, actor, id)).toMatchObject({ ok: false, error: { code: "invalid_client" } });
    expect(await db.token.findUniqueOrThrow({ where: { connectorId: id } })).toMatchObject({
      accessTokenEnc: null,
      status: "check_client",
      lastErrorCode: "invalid_client",
    });
  });

  it("authorization code, refresh and revocation each send a new assertion", async () => {
    const { db } = ctx();
    const actor = await adminActor(db);
    const { id } = await createConnector(
      db,
      config.keyRing,
      actor,
      keyConnector({ name: "Signed JWT code flow", grantType: "authorization_code", scopes: ["openid", "read:items"] }),
    );
    vendor.requests.length = 0;
    const session = { actor, sessionId: `session-${id}` };
    const redirect = await followToRedirectUri(await startAuthorization(db, config, session, id), { redirectUri: REDIRECT_URI });
    expect(await completeAuthorization(db, config, session, redirect.searchParams)).toMatchObject({ kind: "authorized" });
    const first = await readStoredToken(db, config.keyRing, id);
    expect(first?.refreshToken).toBeTruthy();

    expect(await refreshNow(db, config, actor, id)).toMatchObject({ ok: true });
    const [exchange, refresh] = vendor.tokenRequests();
    expect(exchange!.body).toMatchObject({ grant_type: "authorization_code", client_assertion_type: CLIENT_ASSERTION_TYPE });
    expect(refresh!.body).toMatchObject({ grant_type: "refresh_token", refresh_token: first!.refreshToken, client_assertion_type: CLIENT_ASSERTION_TYPE });
    expect(assertionSent(refresh!).payload.jti).not.toBe(assertionSent(exchange!).payload.jti);

    const second = await readStoredToken(db, config.keyRing, id);
    expect(await disconnectConnector(db, config, actor, id)).toEqual({ hadToken: true, revocation: "revoked", error: null });
    const revocations = vendor.requests.filter((request) => request.path.endsWith("/revoke"));
    expect(revocations.map((request) => request.body.token_type_hint)).toEqual(["refresh_token", "access_token"]);
    for (const request of revocations) {
      expect(request.headers.authorization).toBeUndefined();
      expect(request.body).toMatchObject({ client_id: vendor.clients.privateKeyJwt.id, client_assertion_type: CLIENT_ASSERTION_TYPE });
      expect(assertionSent(request).payload.aud).toBe(vendor.tokenEndpoint);
    }
    // The vendor honoured the revocation: the refresh token no longer works.
    const introspected = await fetch(vendor.tokenEndpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: second!.refreshToken!,
        client_id: vendor.clients.authCode.id,
        client_secret: vendor.clients.authCode.secret,
      }),
    });
    expect(((await introspected.json()) as { error?: string }).error).toBe("invalid_grant");
  });

  it("a generated key pair, registered at the vendor by the connector's JWKS URL, gets tokens", async () => {
    const { db, kind } = ctx();
    const actor = await adminActor(db);
    const clientId = `jwks-uri-client-${kind}`;
    const { id } = await createConnector(
      db,
      config.keyRing,
      actor,
      keyConnector({ name: "Signed JWT by JWKS URL", clientId, privateKey: "", keyId: "", signingAlg: "RS256" }),
    );
    const publicJwk = await generateConnectorKeyPair(db, config.keyRing, actor, id, "ES256");
    const jwksUrl = `${jwksOrigin}/api/v1/connectors/${id}/jwks.json`;
    vendor.registerClient({
      client_id: clientId,
      grant_types: ["client_credentials"],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: "private_key_jwt",
      jwks_uri: jwksUrl,
    });

    vendor.requests.length = 0;
    jwksFetches.length = 0;
    expect(await obtainClientCredentialsToken(db, config, actor, id)).toMatchObject({ ok: true });
    expect(jwksFetches).toEqual([id]);
    expect(assertionSent(vendor.tokenRequests()[0]!).header).toEqual({ alg: "ES256", kid: publicJwk.kid });
    expect(await ensureFreshToken(db, config, id, { force: true })).toMatchObject({ ok: true });

    // What the vendor fetched: the public key only.
    const served = (await (await fetch(jwksUrl)).json()) as { keys: Record<string, unknown>[] };
    expect(served.keys).toEqual([{ kty: "EC", crv: "P-256", x: publicJwk.x, y: publicJwk.y, kid: publicJwk.kid, use: "sig", alg: "ES256" }]);
  });
});
