import { describe, expect, it } from "vitest";
import { basicAuthorization, buildRevocationRequest, buildTokenRequest, formUrlEncode, type Grant } from "@/lib/oauth";
import { oauthConfig } from "../support/quirky-vendor-config";

const REDIRECT = "https://latchkey.example.com/oauth2/redirect_url";
const BASIC = `Basic ${Buffer.from("client-123:s3cret").toString("base64")}`;
const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

const grants = {
  authorization_code: { type: "authorization_code", code: "auth-code", redirectUri: REDIRECT, codeVerifier: "verifier-xyz" },
  client_credentials: { type: "client_credentials" },
  refresh_token: { type: "refresh_token", refreshToken: "refresh-abc" },
} satisfies Record<string, Grant>;

/** Protocol parameters per grant, in the order they are sent, before client authentication. */
const protocolParams: Record<keyof typeof grants, [string, string][]> = {
  authorization_code: [
    ["grant_type", "authorization_code"],
    ["code", "auth-code"],
    ["redirect_uri", REDIRECT],
    ["code_verifier", "verifier-xyz"],
  ],
  client_credentials: [
    ["grant_type", "client_credentials"],
    ["scope", "read write"],
  ],
  refresh_token: [
    ["grant_type", "refresh_token"],
    ["refresh_token", "refresh-abc"],
  ],
};

/** The exact form bodies, written out, for the body-authentication case. */
const exactFormBodies: Record<keyof typeof grants, string> = {
  authorization_code:
    "grant_type=authorization_code&code=auth-code&redirect_uri=https%3A%2F%2Flatchkey.example.com%2Foauth2%2Fredirect_url&code_verifier=verifier-xyz&client_id=client-123&client_secret=s3cret",
  client_credentials: "grant_type=client_credentials&scope=read+write&client_id=client-123&client_secret=s3cret",
  refresh_token: "grant_type=refresh_token&refresh_token=refresh-abc&client_id=client-123&client_secret=s3cret",
};

describe.each(Object.keys(grants) as (keyof typeof grants)[])("buildTokenRequest: %s", (grantName) => {
  const grant = grants[grantName];

  it.each(["form", "json"] as const)("basic + %s: Basic header, no client credentials in the body", (format) => {
    const request = buildTokenRequest(oauthConfig({ clientAuth: "basic", tokenBodyFormat: format }), grant);
    expect(request.url).toBe("https://vendor.example.com/oauth/token");
    expect(request.method).toBe("POST");
    expect(request.headers).toEqual({ accept: JSON_TYPE, "content-type": format === "form" ? FORM : JSON_TYPE, authorization: BASIC });
    const params = protocolParams[grantName];
    expect(request.body).toBe(format === "form" ? new URLSearchParams(params).toString() : JSON.stringify(Object.fromEntries(params)));
    expect(request.body).not.toContain("client_id");
    expect(request.body).not.toContain("s3cret");
  });

  it.each(["form", "json"] as const)("body + %s: client_id and client_secret in the body, no Authorization header", (format) => {
    const request = buildTokenRequest(oauthConfig({ clientAuth: "body", tokenBodyFormat: format }), grant);
    expect(request.headers).toEqual({ accept: JSON_TYPE, "content-type": format === "form" ? FORM : JSON_TYPE });
    const params: [string, string][] = [...protocolParams[grantName], ["client_id", "client-123"], ["client_secret", "s3cret"]];
    if (format === "form") {
      expect(request.body).toBe(exactFormBodies[grantName]);
    } else {
      expect(request.body).toBe(JSON.stringify(Object.fromEntries(params)));
    }
  });
});

describe("buildTokenRequest: details", () => {
  it("sends only client_id for a public client, whatever the method", () => {
    for (const clientAuth of ["basic", "body"] as const) {
      const request = buildTokenRequest(oauthConfig({ clientAuth, clientSecret: null }), grants.authorization_code);
      expect(request.headers.authorization).toBeUndefined();
      expect(new URLSearchParams(request.body).getAll("client_id")).toEqual(["client-123"]);
      expect(new URLSearchParams(request.body).has("client_secret")).toBe(false);
    }
  });

  it("omits code_verifier when PKCE was off", () => {
    const request = buildTokenRequest(oauthConfig(), { ...grants.authorization_code, codeVerifier: null });
    expect(new URLSearchParams(request.body).has("code_verifier")).toBe(false);
  });

  it("form-encodes Basic credentials before base64 (RFC 6749 §2.3.1): + % : / and space", () => {
    const id = "my client:id";
    const secret = "p+a%s:s/w o=rd&é";
    const request = buildTokenRequest(oauthConfig({ clientId: id, clientSecret: secret }), grants.client_credentials);
    const expected = `Basic ${Buffer.from(`${new URLSearchParams({ a: id }).toString().slice(2)}:${new URLSearchParams({ a: secret }).toString().slice(2)}`).toString("base64")}`;
    expect(request.headers.authorization).toBe(expected);
    const decoded = Buffer.from(request.headers.authorization!.slice("Basic ".length), "base64").toString("utf8");
    expect(decoded).toBe("my+client%3Aid:p%2Ba%25s%3As%2Fw+o%3Drd%26%C3%A9");
    const [encodedId, encodedSecret] = decoded.split(":");
    expect(decodeURIComponent(encodedId!.replace(/\+/g, " "))).toBe(id);
    expect(decodeURIComponent(encodedSecret!.replace(/\+/g, " "))).toBe(secret);
    expect(basicAuthorization(id, secret)).toBe(expected);
    expect(formUrlEncode("a b+c")).toBe("a+b%2Bc");
  });

  it("sends a refresh to the refresh URL, or the token URL when there is none", () => {
    expect(buildTokenRequest(oauthConfig({ refreshUrl: "https://vendor.example.com/oauth/refresh" }), grants.refresh_token).url).toBe(
      "https://vendor.example.com/oauth/refresh",
    );
    expect(buildTokenRequest(oauthConfig({ refreshUrl: null }), grants.refresh_token).url).toBe("https://vendor.example.com/oauth/token");
    expect(buildTokenRequest(oauthConfig({ refreshUrl: "https://vendor.example.com/oauth/refresh" }), grants.authorization_code).url).toBe(
      "https://vendor.example.com/oauth/token",
    );
  });

  it("sends scope on refresh only when configured, joined with the connector's separator", () => {
    expect(new URLSearchParams(buildTokenRequest(oauthConfig(), grants.refresh_token).body).has("scope")).toBe(false);
    const config = oauthConfig({ refreshIncludesScope: true, scopes: ["offline_access", "User.Read"], scopeSeparator: "," });
    expect(new URLSearchParams(buildTokenRequest(config, grants.refresh_token).body).get("scope")).toBe("offline_access,User.Read");
    expect(new URLSearchParams(buildTokenRequest(config, grants.authorization_code).body).has("scope")).toBe(false);
    expect(new URLSearchParams(buildTokenRequest(oauthConfig({ scopes: [] }), grants.client_credentials).body).has("scope")).toBe(false);
  });

  it("adds the request kind's extras: token extras for code and client credentials, refresh extras for refresh", () => {
    const config = oauthConfig({
      extras: {
        auth: { headers: [], params: [{ name: "access_type", value: "offline" }] },
        token: {
          headers: [{ name: "Notion-Version", value: "2022-06-28" }],
          params: [
            { name: "audience", value: "api://x" },
            { name: "resource", value: "a" },
            { name: "resource", value: "b" },
          ],
        },
        refresh: { headers: [{ name: "X-Refresh", value: "yes" }], params: [{ name: "tenant", value: "t1" }] },
      },
    });
    const token = buildTokenRequest(config, grants.client_credentials);
    expect(token.headers["notion-version"]).toBe("2022-06-28");
    expect(token.headers["x-refresh"]).toBeUndefined();
    const tokenBody = new URLSearchParams(token.body);
    expect(tokenBody.get("audience")).toBe("api://x");
    expect(tokenBody.getAll("resource")).toEqual(["a", "b"]);
    expect(tokenBody.has("tenant")).toBe(false);
    expect(tokenBody.has("access_type")).toBe(false);

    const refresh = buildTokenRequest(config, grants.refresh_token);
    expect(refresh.headers["x-refresh"]).toBe("yes");
    expect(refresh.headers["notion-version"]).toBeUndefined();
    expect(new URLSearchParams(refresh.body).get("tenant")).toBe("t1");
    expect(new URLSearchParams(refresh.body).has("audience")).toBe(false);

    const json = buildTokenRequest({ ...config, tokenBodyFormat: "json" }, grants.client_credentials);
    expect(JSON.parse(json.body)).toMatchObject({ audience: "api://x", resource: ["a", "b"] });
  });

  it("never lets extras override protocol parameters or the Authorization, Content-Type and Accept headers", () => {
    const hostile = {
      headers: [
        { name: "Authorization", value: "Bearer stolen" },
        { name: "content-type", value: "text/plain" },
        { name: "Accept", value: "text/html" },
        { name: "Host", value: "evil.example" },
        { name: "X-Injected", value: "a\r\nX-Evil: 1" },
      ],
      params: [
        { name: "grant_type", value: "password" },
        { name: "code", value: "other" },
        { name: "redirect_uri", value: "https://attacker.example" },
        { name: "refresh_token", value: "other" },
        { name: "code_verifier", value: "other" },
        { name: "client_id", value: "other" },
        { name: "Client_Secret", value: "other" },
        { name: "scope", value: "admin" },
        { name: "__proto__", value: "kept-as-data" },
      ],
    };
    for (const format of ["form", "json"] as const) {
      const config = oauthConfig({ tokenBodyFormat: format, extras: { auth: { headers: [], params: [] }, token: hostile, refresh: hostile } });
      for (const grant of Object.values(grants)) {
        const request = buildTokenRequest(config, grant);
        expect(request.headers).toEqual({ accept: JSON_TYPE, "content-type": format === "form" ? FORM : JSON_TYPE, authorization: BASIC });
        const entries: [string, unknown][] = format === "form" ? [...new URLSearchParams(request.body)] : Object.entries(JSON.parse(request.body) as object);
        const names = entries.map(([name]) => name);
        expect(names.filter((name) => name !== "__proto__")).toEqual(protocolParams[grant.type].map(([name]) => name));
        expect(entries).toContainEqual(["__proto__", "kept-as-data"]);
        expect(request.body).not.toContain("other");
        expect(request.body).not.toContain("attacker");
      }
    }
  });
});

describe("buildRevocationRequest (RFC 7009 §2.1)", () => {
  it("is null without a revocation endpoint", () => {
    expect(buildRevocationRequest(oauthConfig({ revocationUrl: null }), "tok", "refresh_token")).toBeNull();
  });

  it("authenticates like the token request: Basic or body, never both", () => {
    const basic = buildRevocationRequest(oauthConfig({ revocationUrl: "https://vendor.example.com/revoke" }), "tok en", "refresh_token")!;
    expect(basic).toEqual({
      url: "https://vendor.example.com/revoke",
      method: "POST",
      headers: { accept: JSON_TYPE, "content-type": FORM, authorization: BASIC },
      body: "token=tok+en&token_type_hint=refresh_token",
    });
    const body = buildRevocationRequest(oauthConfig({ revocationUrl: "https://vendor.example.com/revoke", clientAuth: "body" }), "tok", null)!;
    expect(body.headers.authorization).toBeUndefined();
    expect(body.body).toBe("token=tok&client_id=client-123&client_secret=s3cret");
  });
});
