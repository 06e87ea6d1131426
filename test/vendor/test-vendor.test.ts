// Checks the test vendor over real HTTP, so the product's connector tests can trust that it
// behaves like a strict OAuth 2.0 vendor (RFC 6749, RFC 7636 PKCE, RFC 7009 revocation).
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CookieJar, followToRedirectUri } from "@/e2e/vendor/browserless-authorization";
import { startTestVendor, type TestVendor } from "@/e2e/vendor/test-vendor";

const REDIRECT_URI = "http://localhost:3000/oauth2/redirect_url";

interface Client {
  id: string;
  secret: string;
}

interface TokenReply {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** RFC 6749 §2.3.1: id and secret are form-URL-encoded before being joined and base64-encoded. */
function basicAuthorization({ id, secret }: Client): string {
  const formEncode = (value: string) => new URLSearchParams({ value }).toString().slice("value=".length);
  return `Basic ${Buffer.from(`${formEncode(id)}:${formEncode(secret)}`).toString("base64")}`;
}

/** The mistake the basicOnly client exists to catch: Basic credentials without form-encoding. */
function unencodedBasicAuthorization({ id, secret }: Client): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
}

async function postForm(url: string, params: Record<string, string>, authorization?: string): Promise<TokenReply> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
      ...(authorization ? { authorization } : {}),
    },
    body: new URLSearchParams(params),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

function authorizationUrl(vendor: TestVendor, client: Client, extra: Record<string, string> = {}): string {
  const url = new URL(vendor.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: client.id,
    redirect_uri: REDIRECT_URI,
    scope: "read:items write:items",
    state: randomBytes(8).toString("hex"),
    ...extra,
  }).toString();
  return url.href;
}

/** Runs the browser part of the code flow against an autoApprove vendor and returns the code. */
async function authorize(vendor: TestVendor, client: Client, extra: Record<string, string> = {}): Promise<string> {
  const url = authorizationUrl(vendor, client, extra);
  const callback = await followToRedirectUri(url, { redirectUri: REDIRECT_URI });
  expect(callback.searchParams.get("error")).toBeNull();
  expect(callback.searchParams.get("state")).toBe(new URL(url).searchParams.get("state"));
  const code = callback.searchParams.get("code");
  expect(code).toEqual(expect.any(String));
  return code ?? "";
}

async function exchangeCode(vendor: TestVendor, client: Client, code: string, codeVerifier?: string): Promise<TokenReply> {
  const params: Record<string, string> = { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI };
  if (codeVerifier) params.code_verifier = codeVerifier;
  return postForm(vendor.tokenEndpoint, params, basicAuthorization(client));
}

async function refresh(vendor: TestVendor, client: Client, refreshToken: string): Promise<TokenReply> {
  return postForm(vendor.tokenEndpoint, { grant_type: "refresh_token", refresh_token: refreshToken }, basicAuthorization(client));
}

/** Full code flow with PKCE; returns the token response body. */
async function obtainTokens(vendor: TestVendor, client: Client): Promise<Record<string, unknown>> {
  const { verifier, challenge } = pkcePair();
  const code = await authorize(vendor, client, { code_challenge: challenge, code_challenge_method: "S256" });
  const reply = await exchangeCode(vendor, client, code, verifier);
  expect(reply.status).toBe(200);
  expect(reply.body.refresh_token).toEqual(expect.any(String));
  return reply.body;
}

describe("test vendor (autoApprove)", () => {
  let vendor: TestVendor;

  beforeAll(async () => {
    vendor = await startTestVendor({ autoApprove: true, accessTokenTtlSeconds: 600 });
  });

  afterAll(async () => {
    await vendor?.close();
  });

  it("publishes a discovery document with its endpoints", async () => {
    const response = await fetch(`${vendor.issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const discovery = (await response.json()) as Record<string, unknown>;
    expect(vendor.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(discovery).toMatchObject({
      issuer: vendor.issuer,
      authorization_endpoint: vendor.authorizationEndpoint,
      token_endpoint: vendor.tokenEndpoint,
      revocation_endpoint: vendor.revocationEndpoint,
      code_challenge_methods_supported: ["S256"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "private_key_jwt"],
    });
    expect(discovery.grant_types_supported).toEqual(expect.arrayContaining(["authorization_code", "refresh_token", "client_credentials"]));
    expect(discovery.scopes_supported).toEqual(expect.arrayContaining(["read:items", "write:items", "api", "offline_access"]));
  });

  it("issues a client_credentials token to the machine client authenticating with Basic", async () => {
    const reply = await postForm(
      vendor.tokenEndpoint,
      { grant_type: "client_credentials", scope: "api read:items" },
      basicAuthorization(vendor.clients.machine),
    );
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ token_type: "Bearer", expires_in: 600, scope: "api read:items" });
    expect(reply.body.access_token).toEqual(expect.stringMatching(/.{20,}/));

    // The token is real: the vendor's own introspection endpoint (RFC 7662) knows it.
    const introspection = await postForm(
      `${vendor.issuer}/oauth2/introspect`,
      { token: String(reply.body.access_token) },
      basicAuthorization(vendor.clients.machine),
    );
    expect(introspection.body).toMatchObject({ active: true, client_id: vendor.clients.machine.id, scope: "api read:items" });
  });

  it("accepts only form-encoded Basic credentials from the basicOnly client", async () => {
    const client = vendor.clients.basicOnly;
    expect(client.secret).toMatch(/\+/);
    expect(client.secret).toMatch(/%/);
    expect(client.secret).toMatch(/:/);
    expect(client.secret).toMatch(/\//);
    const grant = { grant_type: "client_credentials", scope: "api" };

    const inBody = await postForm(vendor.tokenEndpoint, { ...grant, client_id: client.id, client_secret: client.secret });
    expect(inBody.status).toBe(401);
    expect(inBody.body).toMatchObject({ error: "invalid_client", error_description: expect.stringContaining("client_secret_basic") });

    const notEncoded = await postForm(vendor.tokenEndpoint, grant, unencodedBasicAuthorization(client));
    expect(notEncoded.status).toBe(401);
    expect(notEncoded.body).toMatchObject({ error: "invalid_client" });

    const encoded = await postForm(vendor.tokenEndpoint, grant, basicAuthorization(client));
    expect(encoded.status).toBe(200);
    expect(encoded.body.access_token).toEqual(expect.any(String));
  });

  it("accepts only body credentials from the postOnly client", async () => {
    const client = vendor.clients.postOnly;
    const grant = { grant_type: "client_credentials", scope: "api" };

    const withBasic = await postForm(vendor.tokenEndpoint, grant, basicAuthorization(client));
    expect(withBasic.status).toBe(401);
    expect(withBasic.body).toMatchObject({ error: "invalid_client", error_description: expect.stringContaining("client_secret_post") });
    expect(withBasic.headers.get("www-authenticate")).toMatch(/^Basic realm=/);

    const inBody = await postForm(vendor.tokenEndpoint, { ...grant, client_id: client.id, client_secret: client.secret });
    expect(inBody.status).toBe(200);
    expect(inBody.body.access_token).toEqual(expect.any(String));
  });

  it("rejects a request that authenticates with Basic and body credentials at once", async () => {
    for (const client of [vendor.clients.machine, vendor.clients.basicOnly, vendor.clients.postOnly]) {
      const reply = await postForm(
        vendor.tokenEndpoint,
        { grant_type: "client_credentials", client_id: client.id, client_secret: client.secret },
        basicAuthorization(client),
      );
      // RFC 6749 §5.2: more than one authentication mechanism is an invalid_request.
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ error: "invalid_request" });
    }
  });

  it("completes an authorization code flow with PKCE S256, then rotates the refresh token", async () => {
    const client = vendor.clients.authCode;
    const { verifier, challenge } = pkcePair();
    const authorizationsBefore = vendor.authorizationRequests().length;
    const tokenRequestsBefore = vendor.tokenRequests().length;

    const code = await authorize(vendor, client, { code_challenge: challenge, code_challenge_method: "S256" });
    const exchange = await exchangeCode(vendor, client, code, verifier);
    expect(exchange.status).toBe(200);
    expect(exchange.body).toMatchObject({ token_type: "Bearer", expires_in: 600, scope: "read:items write:items" });
    expect(exchange.body.access_token).toEqual(expect.any(String));
    expect(exchange.body.refresh_token).toEqual(expect.any(String));

    // The vendor saw the PKCE challenge on the authorization request...
    const [authorizationRequest] = vendor.authorizationRequests().slice(authorizationsBefore);
    expect(authorizationRequest).toMatchObject({
      method: "GET",
      query: { client_id: client.id, code_challenge: challenge, code_challenge_method: "S256", redirect_uri: REDIRECT_URI },
    });
    // ...and a form-encoded token request with the verifier and Basic client authentication.
    const [tokenRequest] = vendor.tokenRequests().slice(tokenRequestsBefore);
    expect(tokenRequest).toMatchObject({
      method: "POST",
      contentType: "application/x-www-form-urlencoded",
      body: { grant_type: "authorization_code", code, code_verifier: verifier, redirect_uri: REDIRECT_URI },
      headers: { authorization: basicAuthorization(client) },
    });
    expect(tokenRequest?.rawBody).toContain("grant_type=authorization_code");

    const refreshed = await refresh(vendor, client, String(exchange.body.refresh_token));
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.access_token).toEqual(expect.any(String));
    expect(refreshed.body.access_token).not.toBe(exchange.body.access_token);
    expect(refreshed.body.refresh_token).toEqual(expect.any(String));
    expect(refreshed.body.refresh_token).not.toBe(exchange.body.refresh_token);

    const reused = await refresh(vendor, client, String(exchange.body.refresh_token));
    expect(reused.status).toBe(400);
    expect(reused.body).toMatchObject({ error: "invalid_grant" });
  });

  it("rejects a code_verifier that does not match the code_challenge", async () => {
    const client = vendor.clients.authCode;
    const code = await authorize(vendor, client, { code_challenge: pkcePair().challenge, code_challenge_method: "S256" });
    const reply = await exchangeCode(vendor, client, code, pkcePair().verifier);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: "invalid_grant" });
  });

  it("does not require PKCE, and records that none was sent", async () => {
    const client = vendor.clients.postOnly;
    const before = vendor.authorizationRequests().length;
    const code = await authorize(vendor, client);
    expect(vendor.authorizationRequests()[before]?.query).not.toHaveProperty("code_challenge");

    const reply = await postForm(vendor.tokenEndpoint, {
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
      client_id: client.id,
      client_secret: client.secret,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.refresh_token).toEqual(expect.any(String));
  });

  it("makes refresh tokens invalid_grant after revokeAllGrants", async () => {
    const client = vendor.clients.authCode;
    const tokens = await obtainTokens(vendor, client);
    const refreshed = await refresh(vendor, client, String(tokens.refresh_token));
    expect(refreshed.status).toBe(200); // refreshing works until the grant is revoked

    await vendor.revokeAllGrants(client.id);

    const afterRevocation = await refresh(vendor, client, String(refreshed.body.refresh_token));
    expect(afterRevocation.status).toBe(400);
    expect(afterRevocation.body).toMatchObject({ error: "invalid_grant" });
  });

  it("revokes a refresh token at the revocation endpoint and records the request", async () => {
    const client = vendor.clients.authCode;
    const tokens = await obtainTokens(vendor, client);
    const before = vendor.requests.length;

    const revocation = await postForm(
      vendor.revocationEndpoint,
      { token: String(tokens.refresh_token), token_type_hint: "refresh_token" },
      basicAuthorization(client),
    );
    expect(revocation.status).toBe(200); // RFC 7009 §2.2

    expect(vendor.requests.slice(before)).toEqual([
      expect.objectContaining({ path: new URL(vendor.revocationEndpoint).pathname, body: expect.objectContaining({ token_type_hint: "refresh_token" }) }),
    ]);
    const afterRevocation = await refresh(vendor, client, String(tokens.refresh_token));
    expect(afterRevocation.body).toMatchObject({ error: "invalid_grant" });
  });
});

describe("test vendor (login and consent pages, no rotation)", () => {
  let vendor: TestVendor;

  beforeAll(async () => {
    vendor = await startTestVendor({ rotateRefreshTokens: false });
  });

  afterAll(async () => {
    await vendor?.close();
  });

  /** One browser-like step: request with the jar's cookies, store the answer's cookies. */
  async function step(jar: CookieJar, url: string | URL, init: RequestInit = {}): Promise<Response> {
    const cookie = jar.header();
    const response = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    jar.storeFrom(response);
    return response;
  }

  function submitForm(jar: CookieJar, action: string, fields: Record<string, string>): Promise<Response> {
    return step(jar, new URL(action, vendor.issuer), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields),
    });
  }

  function formAction(html: string): string {
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    expect(action).toBeDefined();
    return action ?? "";
  }

  /** Follows redirects from `response` until an HTML page or the redirect URI; returns the URL. */
  async function followRedirects(jar: CookieJar, response: Response, from: string | URL): Promise<{ url: URL; page: Response }> {
    let current = response;
    let url = new URL(from);
    while (current.status >= 300 && current.status < 400) {
      url = new URL(current.headers.get("location") ?? "", url);
      await current.body?.cancel();
      if (url.href.startsWith(REDIRECT_URI)) return { url, page: current };
      current = await step(jar, url);
    }
    return { url, page: current };
  }

  /** Signs in through the login page and returns the consent page's HTML. */
  async function signInAndReachConsent(jar: CookieJar): Promise<string> {
    const start = authorizationUrl(vendor, vendor.clients.authCode);
    const login = await followRedirects(jar, await step(jar, start), start);
    expect(login.url.pathname).toMatch(/^\/interaction\//);
    const loginHtml = await login.page.text();
    expect(loginHtml).toContain('<label for="username">Username</label>');
    expect(loginHtml).toMatch(/<input id="username" name="username"[^>]*value="alice"/);
    expect(loginHtml).toContain(">Sign in</button>");

    const action = formAction(loginHtml);
    const consent = await followRedirects(jar, await submitForm(jar, action, { username: "alice" }), new URL(action, vendor.issuer));
    const consentHtml = await consent.page.text();
    expect(consentHtml).toContain(">Allow</button>");
    expect(consentHtml).toContain(">Deny</button>");
    expect(consentHtml).toContain("read:items");
    return consentHtml;
  }

  it("returns error=access_denied when the user presses Deny", async () => {
    const jar = new CookieJar();
    const action = formAction(await signInAndReachConsent(jar));
    const { url } = await followRedirects(jar, await submitForm(jar, action, { decision: "deny" }), new URL(action, vendor.issuer));
    expect(url.href.startsWith(REDIRECT_URI)).toBe(true);
    expect(url.searchParams.get("error")).toBe("access_denied");
    expect(url.searchParams.get("code")).toBeNull();
  });

  it("returns a code when the user presses Allow, and keeps the refresh token valid without rotation", async () => {
    const jar = new CookieJar();
    const action = formAction(await signInAndReachConsent(jar));
    const { url } = await followRedirects(jar, await submitForm(jar, action, { decision: "allow" }), new URL(action, vendor.issuer));
    const code = url.searchParams.get("code");
    expect(code).toEqual(expect.any(String));
    expect(url.searchParams.get("iss")).toBe(vendor.issuer); // RFC 9207

    const client = vendor.clients.authCode;
    const exchange = await exchangeCode(vendor, client, code ?? "");
    expect(exchange.status).toBe(200);
    expect(exchange.body).toMatchObject({ expires_in: 3600 });
    const refreshToken = String(exchange.body.refresh_token);
    for (let attempt = 0; attempt < 2; attempt++) {
      const refreshed = await refresh(vendor, client, refreshToken);
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.access_token).toEqual(expect.any(String));
    }
  });
});
