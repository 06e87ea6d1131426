/**
 * Requests that carry signed JWTs, and the custom grant type value: what buildTokenRequest and
 * buildRevocationRequest put on the wire (RFC 7523 §2.1, §2.2; RFC 7521 §4.1), what requestToken
 * does with a key that cannot sign (nothing is sent), and that assertions, the private key and
 * secret extras never come back in an error's excerpt or description (SECURITY 42, 44) — against
 * a real HTTP server that echoes the request into its error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_RSA_PRIVATE_KEY } from "@/e2e/vendor/client-keys";
import { guardedRequest } from "@/lib/http/guarded-fetch";
import {
  buildRevocationRequest,
  buildTokenRequest,
  CLIENT_ASSERTION_TYPE,
  JWT_BEARER_GRANT_TYPE,
  requestToken,
  revokeToken,
  type OAuthClientConfig,
  type Send,
} from "@/lib/oauth";
import { isSecretFieldName } from "@/lib/oauth/redaction";
import { oauthConfig } from "../support/quirky-vendor-config";
import { startScriptedServer, type ScriptedServer } from "../support/scripted-server";

const BASIC = `Basic ${Buffer.from("client-123:s3cret").toString("base64")}`;
const signingKey = { privateKey: TEST_RSA_PRIVATE_KEY, keyId: "k1", alg: "RS256" as const };
const form = (body: string) => Object.fromEntries(new URLSearchParams(body));

describe("building requests with signed JWTs", () => {
  it("private_key_jwt: client_id, client_assertion_type and client_assertion in the body, no Authorization header, never the stored secret", () => {
    const config = oauthConfig({ clientAuth: "private_key_jwt", clientSecret: "left-over-secret", signingKey });
    for (const grant of [
      { type: "client_credentials" },
      { type: "refresh_token", refreshToken: "rt" },
      { type: "authorization_code", code: "c", redirectUri: "https://l.example/cb", codeVerifier: null },
    ] as const) {
      const request = buildTokenRequest(config, grant, { client: "signed.client.assertion" });
      expect(request.headers.authorization).toBeUndefined();
      expect(form(request.body)).toMatchObject({
        client_id: "client-123",
        client_assertion_type: CLIENT_ASSERTION_TYPE,
        client_assertion: "signed.client.assertion",
      });
      expect(request.body).not.toContain("left-over-secret");
      expect(request.body).not.toContain("client_secret");
    }
    expect(CLIENT_ASSERTION_TYPE).toBe("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    const revocation = buildRevocationRequest({ ...config, revocationUrl: "https://vendor.example.com/revoke" }, "tok", "refresh_token", {
      client: "signed.revocation",
    })!;
    expect(revocation.headers.authorization).toBeUndefined();
    expect(form(revocation.body)).toEqual({
      token: "tok",
      token_type_hint: "refresh_token",
      client_id: "client-123",
      client_assertion_type: CLIENT_ASSERTION_TYPE,
      client_assertion: "signed.revocation",
    });
    expect(() => buildTokenRequest(config, { type: "client_credentials" })).toThrow(/signed client assertion/);
  });

  it("JWT bearer: the grant URN and the assertion; scope as a parameter unless it is a claim; no client authentication unless one is configured (RFC 7521 §4.1)", () => {
    const base = oauthConfig({
      grantType: "jwt_bearer",
      clientId: "",
      clientSecret: null,
      scopes: ["a", "b"],
      signingKey,
      jwtBearer: { issuer: "sa@x", subject: null, audience: null, scopeIn: "param" },
    });
    const asParam = buildTokenRequest(base, { type: "jwt_bearer" }, { grant: "signed.grant" });
    expect(form(asParam.body)).toEqual({ grant_type: JWT_BEARER_GRANT_TYPE, assertion: "signed.grant", scope: "a b" });
    expect(JWT_BEARER_GRANT_TYPE).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
    expect(asParam.headers.authorization).toBeUndefined();

    const asClaim = buildTokenRequest(
      { ...base, clientId: "google-client", jwtBearer: { ...base.jwtBearer!, scopeIn: "claim" } },
      { type: "jwt_bearer" },
      { grant: "signed.grant" },
    );
    expect(form(asClaim.body)).toEqual({ grant_type: JWT_BEARER_GRANT_TYPE, assertion: "signed.grant" });

    const withSecret = buildTokenRequest(
      { ...base, clientId: "client-123", clientSecret: "s3cret", clientAuth: "basic" },
      { type: "jwt_bearer" },
      { grant: "signed.grant" },
    );
    expect(withSecret.headers.authorization).toBe(BASIC);
    const withKey = buildTokenRequest(
      { ...base, clientId: "client-123", clientAuth: "private_key_jwt" },
      { type: "jwt_bearer" },
      { grant: "signed.grant", client: "signed.client" },
    );
    expect(form(withKey.body)).toMatchObject({ assertion: "signed.grant", client_assertion: "signed.client", client_id: "client-123" });
    expect(() => buildTokenRequest(base, { type: "jwt_bearer" })).toThrow(/signed assertion/);
  });

  it("client credentials send the connector's Grant type value (Zoom account_credentials) with its extras; no extra can replace it or the assertion", () => {
    const config = oauthConfig({
      grantType: "client_credentials",
      grantTypeValue: "account_credentials",
      scopes: [],
      extras: {
        auth: { headers: [], params: [] },
        token: {
          headers: [],
          params: [
            { name: "account_id", value: "AbC123" },
            { name: "grant_type", value: "client_credentials" },
            { name: "assertion", value: "forged" },
          ],
        },
        refresh: { headers: [], params: [] },
      },
    });
    const request = buildTokenRequest(config, { type: "client_credentials" });
    expect(request.body).toBe("grant_type=account_credentials&account_id=AbC123");
    expect(request.headers.authorization).toBe(BASIC);
    expect(form(buildTokenRequest({ ...config, grantTypeValue: undefined }, { type: "client_credentials" }).body).grant_type).toBe("client_credentials");
    // A refresh is a refresh whatever the grant type value.
    expect(form(buildTokenRequest(config, { type: "refresh_token", refreshToken: "rt" }).body).grant_type).toBe("refresh_token");
  });
});

describe("requestToken and revokeToken with signed JWTs, against a real server", () => {
  let server: ScriptedServer;
  const send: Send = (request) => guardedRequest(request, { allowLoopback: true, timeoutMs: 5000 });
  beforeAll(async () => {
    // Answers every request with an error that quotes the whole request body, as careless vendors do.
    server = await startScriptedServer((request) => ({
      status: 400,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        error: "invalid_request",
        error_description: `could not use ${decodeURIComponent(request.rawBody)}`,
        echo: request.rawBody,
        header: request.headers["x-api-key"],
      }),
    }));
  });
  afterAll(() => server?.close());

  const secretExtra = "xk-live-7f3a9b2c4d5e6f708192";
  const config = (): OAuthClientConfig =>
    oauthConfig({
      grantType: "client_credentials",
      tokenUrl: `${server.url}/token`,
      revocationUrl: `${server.url}/revoke`,
      clientAuth: "private_key_jwt",
      clientSecret: null,
      signingKey,
      extras: {
        auth: { headers: [], params: [] },
        token: { headers: [{ name: "X-Api-Key", value: secretExtra, secret: true }], params: [{ name: "tenant_key", value: secretExtra, secret: true }] },
        refresh: { headers: [], params: [] },
      },
    });

  it("sends a fresh client assertion on every token and revocation request, and redacts it, the key and secret extras from the error", async () => {
    server.requests.length = 0;
    const result = await requestToken(config(), { type: "client_credentials" }, send);
    const revoked = await revokeToken(config(), "access-token-value", "access_token", send);
    const [tokenRequest, revokeRequest] = server.requests;
    const assertion = tokenRequest!.form.client_assertion!;
    expect(assertion.split(".")).toHaveLength(3);
    expect(revokeRequest!.form).toMatchObject({ token: "access-token-value", client_assertion_type: CLIENT_ASSERTION_TYPE, client_id: "client-123" });
    expect(revokeRequest!.form.client_assertion).not.toBe(assertion);
    expect(revokeRequest!.headers.authorization).toBeUndefined();

    for (const error of [result.ok ? null : result.error, revoked.ok ? null : revoked.error]) {
      expect(error).toMatchObject({ code: "invalid_request", httpStatus: 400 });
      const shown = JSON.stringify(error);
      expect(shown).not.toContain(assertion.slice(0, 30));
      expect(shown).not.toContain(revokeRequest!.form.client_assertion!.slice(0, 30));
      expect(shown).not.toContain(secretExtra);
      expect(shown).toContain("[redacted]");
    }
  });

  it("treats assertion fields as secret wherever a body names them, but not the assertion type", () => {
    for (const name of ["client_assertion", "assertion", "Client-Assertion"]) expect(isSecretFieldName(name), name).toBe(true);
    expect(isSecretFieldName("client_assertion_type")).toBe(false);
  });

  it("a key that cannot sign is invalid_client, not retried, and nothing is sent", async () => {
    server.requests.length = 0;
    const broken = { ...config(), signingKey: { ...signingKey, alg: "ES256" as const } };
    const result = await requestToken(broken, { type: "client_credentials" }, send);
    expect(result).toMatchObject({
      ok: false,
      error: { code: "invalid_client", retryable: false, httpStatus: null, message: expect.stringContaining("ES256 signs with an EC P-256 key") },
    });
    const revoked = await revokeToken(broken, "tok", null, send);
    expect(revoked).toMatchObject({ ok: false, skipped: false, error: { code: "invalid_client" } });
    const noKey = await requestToken({ ...config(), signingKey: null }, { type: "client_credentials" }, send);
    expect(noKey).toMatchObject({ ok: false, error: { code: "invalid_client", message: expect.stringContaining("generate a key pair") } });
    expect(server.requests).toHaveLength(0);
    // Without a revocation endpoint nothing is signed or sent either.
    expect(await revokeToken({ ...broken, revocationUrl: null }, "tok", null, send)).toEqual({ ok: true, skipped: true });
  });
});
