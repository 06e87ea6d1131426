// The protocol layer against the real oidc-provider test vendor (e2e/vendor/test-vendor.ts),
// whose clients enforce one client authentication method each, like Zoom/X (Basic only) and
// vendors that only read the body.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestVendor, type TestVendor } from "@/e2e/vendor/test-vendor";
import { guardedRequest } from "@/lib/http/guarded-fetch";
import { requestToken, revokeToken, type OAuthClientConfig, type Send, type TokenResult } from "@/lib/oauth";
import { oauthConfig } from "../support/quirky-vendor-config";

const send: Send = (request) => guardedRequest(request, { allowLoopback: true, timeoutMs: 5000 });

let vendor: TestVendor;
beforeAll(async () => {
  vendor = await startTestVendor();
});
afterAll(() => vendor?.close());

function machineConfig(client: { id: string; secret: string }, clientAuth: OAuthClientConfig["clientAuth"]): OAuthClientConfig {
  return oauthConfig({
    grantType: "client_credentials",
    authUrl: null,
    tokenUrl: vendor.tokenEndpoint,
    revocationUrl: vendor.revocationEndpoint,
    clientId: client.id,
    clientSecret: client.secret,
    scopes: ["api"],
    clientAuth,
    extras: {
      auth: { headers: [], params: [] },
      token: { headers: [{ name: "X-Tenant", value: "acme" }], params: [{ name: "audience", value: "latchkey-tests" }] },
      refresh: { headers: [], params: [] },
    },
  });
}

function expectToken(result: TokenResult) {
  if (!result.ok) throw new Error(`expected a token, got ${result.error.code}: ${result.error.message}`);
  expect(result.token.accessToken).toMatch(/\S{20,}/);
  expect(result.token.tokenType?.toLowerCase()).toBe("bearer");
  expect(result.token.expiresAt).toBeInstanceOf(Date);
  expect(result.token.scopes).toEqual(["api"]);
  return result.token;
}

describe("client_credentials against the test vendor", () => {
  it("basicOnly: Basic succeeds (secret has + % : / =), body fails with invalid_client", async () => {
    expectToken(await requestToken(machineConfig(vendor.clients.basicOnly, "basic"), { type: "client_credentials" }, send));
    const viaBody = await requestToken(machineConfig(vendor.clients.basicOnly, "body"), { type: "client_credentials" }, send);
    expect(viaBody.ok ? null : viaBody.error).toMatchObject({ code: "invalid_client", vendorError: "invalid_client", httpStatus: 401, retryable: false });
  });

  it("postOnly: body succeeds, Basic fails with invalid_client", async () => {
    expectToken(await requestToken(machineConfig(vendor.clients.postOnly, "body"), { type: "client_credentials" }, send));
    const viaBasic = await requestToken(machineConfig(vendor.clients.postOnly, "basic"), { type: "client_credentials" }, send);
    expect(viaBasic.ok ? null : viaBasic.error).toMatchObject({ code: "invalid_client", httpStatus: 401 });
  });

  it("a wrong secret is invalid_client, and the secret is not in the error", async () => {
    const client = { id: vendor.clients.machine.id, secret: "wrong-secret-value" };
    const result = await requestToken(machineConfig(client, "basic"), { type: "client_credentials" }, send);
    expect(result.ok ? null : result.error.code).toBe("invalid_client");
    expect(JSON.stringify(result)).not.toContain("wrong-secret-value");
  });

  it("sends a form-encoded request with the configured extra headers and params, and one auth method", async () => {
    const before = vendor.tokenRequests().length;
    expectToken(await requestToken(machineConfig(vendor.clients.machine, "basic"), { type: "client_credentials" }, send));
    const [recorded] = vendor.tokenRequests().slice(before);
    expect(recorded).toBeDefined();
    expect(recorded!.contentType).toBe("application/x-www-form-urlencoded");
    expect(recorded!.rawBody).toBe("grant_type=client_credentials&scope=api&audience=latchkey-tests");
    expect(recorded!.body).toEqual({ grant_type: "client_credentials", scope: "api", audience: "latchkey-tests" });
    expect(recorded!.headers["x-tenant"]).toBe("acme");
    expect(recorded!.headers.accept).toBe("application/json");
    expect(recorded!.headers.authorization).toMatch(/^Basic /);

    const beforeBody = vendor.tokenRequests().length;
    expectToken(await requestToken(machineConfig(vendor.clients.machine, "body"), { type: "client_credentials" }, send));
    const [viaBody] = vendor.tokenRequests().slice(beforeBody);
    expect(viaBody!.headers.authorization).toBeUndefined();
    expect(viaBody!.body).toMatchObject({ client_id: vendor.clients.machine.id, client_secret: vendor.clients.machine.secret });
  });

  it("revokes an access token (RFC 7009) with the same client authentication", async () => {
    const config = machineConfig(vendor.clients.basicOnly, "basic");
    const token = expectToken(await requestToken(config, { type: "client_credentials" }, send));
    expect(await revokeToken(config, token.accessToken, "access_token", send)).toEqual({ ok: true, skipped: false });
    const revoke = vendor.requests.at(-1)!;
    expect(revoke.path).toBe(new URL(vendor.revocationEndpoint).pathname);
    expect(revoke.body).toEqual({ token: token.accessToken, token_type_hint: "access_token" });
    expect(await revokeToken({ ...config, revocationUrl: null }, token.accessToken, "access_token", send)).toEqual({ ok: true, skipped: true });
  });
});
