// Each VENDOR-QUIRKS row that concerns token responses, against a real HTTP server, through the
// same composition the app uses: requestToken + the guarded outbound request.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guardedRequest } from "@/lib/http/guarded-fetch";
import { requestToken, type Grant, type OAuthError, type Send, type TokenResult } from "@/lib/oauth";
import {
  JWT_EXP,
  jwtWithExp,
  QUIRKY_ACCESS_TOKEN,
  QUIRKY_ID_TOKEN,
  QUIRKY_REFRESH_TOKEN,
  RETRY_AFTER_DATE_SECONDS,
  startQuirkyVendor,
  type QuirkyVendor,
} from "../support/quirky-vendor";
import { oauthConfig } from "../support/quirky-vendor-config";

const NOW = new Date("2030-01-01T00:00:00Z");
const SECRET = "quirky+client/secret:%";
const REFRESH: Grant = { type: "refresh_token", refreshToken: "stored-refresh-token-5d2e" };
const send: Send = (request) => guardedRequest(request, { allowLoopback: true, timeoutMs: 500 });

let vendor: QuirkyVendor;
beforeAll(async () => {
  vendor = await startQuirkyVendor();
});
afterAll(() => vendor.close());

function exchange(route: string, grant: Grant = { type: "client_credentials" }, now: Date = NOW): Promise<TokenResult> {
  const config = oauthConfig({ tokenUrl: vendor.url(route), refreshUrl: null, clientSecret: SECRET, grantType: "client_credentials" });
  return requestToken(config, grant, send, { now: () => now });
}

async function token(route: string) {
  const result = await exchange(route);
  if (!result.ok) throw new Error(`expected success from ${route}, got ${result.error.code}: ${result.error.message}`);
  return result.token;
}

async function error(route: string, grant?: Grant, now?: Date): Promise<OAuthError> {
  const result = await exchange(route, grant, now);
  if (result.ok) throw new Error(`expected a failure from ${route}`);
  return result.error;
}

function expectNoSecrets(failure: OAuthError) {
  const visible = JSON.stringify(failure);
  for (const secret of [
    QUIRKY_ACCESS_TOKEN,
    QUIRKY_REFRESH_TOKEN,
    SECRET,
    encodeURIComponent(SECRET),
    REFRESH.type === "refresh_token" ? REFRESH.refreshToken : "",
  ]) {
    expect(visible).not.toContain(secret);
  }
}

describe("token responses from a quirky vendor", () => {
  it("sends Accept: application/json and a form body", async () => {
    await token("/string-expires-in");
    const request = vendor.requests.at(-1)!;
    expect(request.headers.accept).toBe("application/json");
    expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(request.body).toBe("grant_type=client_credentials&scope=read+write");
  });

  it("reads a form-encoded success (GitHub) with comma scopes and lowercase bearer", async () => {
    expect(await token("/form-success")).toEqual({
      accessToken: QUIRKY_ACCESS_TOKEN,
      tokenType: "bearer",
      expiresAt: null,
      refreshToken: null,
      refreshTokenExpiresAt: null,
      scopes: ["repo", "gist"],
      extra: {},
    });
  });

  it("fails on HTTP 200 with an error field (GitHub), JSON or form", async () => {
    for (const route of ["/error-200", "/error-200-form"]) {
      const failure = await error(route);
      expect(failure).toMatchObject({
        code: "invalid_grant",
        vendorError: "bad_verification_code",
        description: "The code passed is incorrect or expired.",
        httpStatus: 200,
        retryable: false,
      });
    }
  });

  it("fails on ok:false (Slack)", async () => {
    expect(await error("/slack-ok-false")).toMatchObject({ code: "invalid_grant", vendorError: "invalid_code", httpStatus: 200 });
  });

  it("reads a Slack user token nested under authed_user", async () => {
    const slack = await token("/slack-user-token");
    expect(slack).toMatchObject({ accessToken: QUIRKY_ACCESS_TOKEN, tokenType: "user", scopes: ["chat:write", "users:read"], refreshToken: null });
    expect(slack.extra).toMatchObject({ app_id: "A0KRD7HC3", team: { id: "T9TK3CUKW" }, authed_user: { id: "U1234" } });
    expect(JSON.stringify(slack.extra)).not.toContain(QUIRKY_ACCESS_TOKEN);
  });

  it("coerces a string expires_in (Azure AD v1)", async () => {
    expect((await token("/string-expires-in")).expiresAt).toEqual(new Date(NOW.getTime() + 3599_000));
  });

  it("accepts a missing token_type (Slack legacy, LinkedIn)", async () => {
    expect(await token("/no-token-type")).toMatchObject({ tokenType: null, expiresAt: new Date(NOW.getTime() + 3600_000) });
  });

  it("keeps lowercase bearer as sent and treats no expires_in as unknown expiry (GitHub App)", async () => {
    expect(await token("/lowercase-bearer")).toMatchObject({ tokenType: "bearer", expiresAt: null, scopes: [] });
  });

  it("falls back to the JWT exp when expires_in is missing or zero", async () => {
    for (const route of ["/jwt-exp", "/zero-expires-in-jwt"]) {
      const jwt = await token(route);
      expect(jwt.accessToken).toBe(jwtWithExp(JWT_EXP));
      expect(jwt.expiresAt).toEqual(new Date(JWT_EXP * 1000));
    }
  });

  it("keeps extra fields such as instance_url (Salesforce), without secrets", async () => {
    const salesforce = await token("/salesforce");
    expect(salesforce).toMatchObject({
      accessToken: QUIRKY_ACCESS_TOKEN,
      refreshToken: QUIRKY_REFRESH_TOKEN,
      expiresAt: null,
      scopes: ["refresh_token", "api"],
    });
    expect(salesforce.extra).toEqual({
      signature: "Yi9lOHRsUjRhU2d2a2ZpR1ViVkN1Z0pHTHFRPQ==",
      instance_url: "https://yourInstance.my.salesforce.com",
      id: "https://login.salesforce.com/id/00Dxx0000001gPLEAY/005xx000001SwiUAAS",
      issued_at: "1278448101416",
    });
    const full = await token("/full-success");
    expect(full.extra).toEqual({ realmId: "4620816365172148210" });
    expect(JSON.stringify(full.extra)).not.toContain(QUIRKY_ID_TOKEN);
  });

  it("classifies an HTML 502 as a retryable server error with a short excerpt", async () => {
    const failure = await error("/html-502");
    expect(failure).toMatchObject({ code: "server_error", httpStatus: 502, retryable: true, vendorError: null });
    expect(failure.excerpt).toBe("<html> <head><title>502 Bad Gateway</title></head> <body> <center><h1>502 Bad Gateway</h1></center> </body> </html>");
  });

  it("classifies HTML, invalid JSON and a missing access_token on 200 as malformed, transient (retried with backoff)", async () => {
    for (const route of ["/html-200", "/invalid-json-200", "/no-access-token-200"]) {
      const failure = await error(route);
      expect(failure).toMatchObject({ code: "malformed_response", httpStatus: 200, retryable: true });
      expect(failure.message).toMatch(/Nothing stored was changed/);
      expectNoSecrets(failure);
    }
    expect((await error("/invalid-json-200")).excerpt).toBe('{"access_token": "[redacted]", "token_type":');
  });

  it("classifies Atlassian's 403 invalid_grant by the body", async () => {
    expect(await error("/atlassian-403", REFRESH)).toMatchObject({
      code: "invalid_grant",
      httpStatus: 403,
      retryable: false,
      description: "Unknown or invalid refresh token.",
    });
  });

  it("honours Retry-After on 429, in seconds and as an HTTP date", async () => {
    expect(await error("/rate-limited-seconds")).toMatchObject({ code: "temporarily_unavailable", httpStatus: 429, retryable: true, retryAfterSeconds: 7 });
    const dated = await error("/rate-limited-date", undefined, new Date());
    expect(dated).toMatchObject({ code: "temporarily_unavailable", retryable: true });
    expect(dated.retryAfterSeconds).toBeGreaterThanOrEqual(RETRY_AFTER_DATE_SECONDS - 3);
    expect(dated.retryAfterSeconds).toBeLessThanOrEqual(RETRY_AFTER_DATE_SECONDS + 1);
  });

  it("times out on a vendor that never answers", async () => {
    expect(await error("/hang")).toMatchObject({ code: "timeout", retryable: true, httpStatus: null });
  });

  it("reports a redirect as malformed and does not follow it", async () => {
    expect(await error("/redirect")).toMatchObject({ code: "malformed_response", httpStatus: 302, retryable: true });
    expect(vendor.requests.at(-1)?.path).toBe("/redirect");
  });

  it("redacts credentials the vendor echoes back", async () => {
    const failure = await error("/echo-error", REFRESH);
    expect(failure.code).toBe("invalid_request");
    expect(failure.excerpt).toContain("[redacted]");
    expect(failure.description).toContain("[redacted]");
    expectNoSecrets(failure);
    const basicCredentials = vendor.requests.at(-1)!.headers.authorization!.replace(/^Basic /, "");
    expect(JSON.stringify(failure)).not.toContain(basicCredentials);
    // The vendor really did receive (and echo) them: the redaction is doing the work.
    expect(vendor.requests.at(-1)?.body).toContain("stored-refresh-token-5d2e");
  });

  it("refuses a blocked token URL without sending", async () => {
    const config = oauthConfig({ tokenUrl: "http://169.254.169.254/latest/api/token" });
    const result = await requestToken(config, { type: "client_credentials" }, send);
    expect(result.ok ? null : result.error).toMatchObject({ code: "blocked_address", retryable: false, httpStatus: null });
  });
});
