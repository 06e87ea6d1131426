import { describe, expect, it } from "vitest";
import { buildAuthorizationUrl } from "@/lib/oauth";
import { oauthConfig } from "../support/quirky-vendor-config";

const REDIRECT = "https://latchkey.example.com/oauth2/redirect_url";

function params(url: string): [string, string][] {
  return [...new URL(url).searchParams];
}

describe("buildAuthorizationUrl (RFC 6749 §4.1.1, RFC 7636 §4.3)", () => {
  it("carries the protocol parameters and the S256 challenge", () => {
    const url = buildAuthorizationUrl(oauthConfig(), { redirectUri: REDIRECT, state: "st4te", codeChallenge: "ch4llenge" });
    expect(url.startsWith("https://vendor.example.com/oauth/authorize?")).toBe(true);
    expect(params(url)).toEqual([
      ["response_type", "code"],
      ["client_id", "client-123"],
      ["redirect_uri", REDIRECT],
      ["scope", "read write"],
      ["state", "st4te"],
      ["code_challenge", "ch4llenge"],
      ["code_challenge_method", "S256"],
    ]);
  });

  it("leaves PKCE out when no challenge is given, and scope out when there are no scopes", () => {
    const url = new URL(buildAuthorizationUrl(oauthConfig({ scopes: [] }), { redirectUri: REDIRECT, state: "s", codeChallenge: null }));
    expect(url.searchParams.has("code_challenge")).toBe(false);
    expect(url.searchParams.has("code_challenge_method")).toBe(false);
    expect(url.searchParams.has("scope")).toBe(false);
  });

  it("joins scopes with a comma when the connector says so (Slack)", () => {
    const url = new URL(
      buildAuthorizationUrl(oauthConfig({ scopes: ["chat:write", "users:read"], scopeSeparator: "," }), {
        redirectUri: REDIRECT,
        state: "s",
        codeChallenge: null,
      }),
    );
    expect(url.searchParams.get("scope")).toBe("chat:write,users:read");
    expect(url.search).toContain("scope=chat%3Awrite%2Cusers%3Aread");
  });

  it("appends extra auth params (Google offline access) and keeps a query already in the Auth URL", () => {
    const config = oauthConfig({
      authUrl: "https://accounts.example.com/o/oauth2/v2/auth?hd=example.com&tenant=abc",
      extras: {
        auth: {
          headers: [],
          params: [
            { name: "access_type", value: "offline" },
            { name: "prompt", value: "consent" },
          ],
        },
        token: { headers: [], params: [] },
        refresh: { headers: [], params: [] },
      },
    });
    const url = new URL(buildAuthorizationUrl(config, { redirectUri: REDIRECT, state: "s", codeChallenge: "c" }));
    expect(url.origin + url.pathname).toBe("https://accounts.example.com/o/oauth2/v2/auth");
    expect(url.searchParams.get("hd")).toBe("example.com");
    expect(url.searchParams.get("tenant")).toBe("abc");
    expect(url.searchParams.get("access_type")).toBe("offline");
    expect(url.searchParams.get("prompt")).toBe("consent");
    expect(url.searchParams.get("response_type")).toBe("code");
  });

  it("lets neither extras nor the configured URL override a protocol parameter", () => {
    const config = oauthConfig({
      authUrl: "https://vendor.example.com/authorize?response_type=token&state=evil&code_challenge=stale",
      extras: {
        auth: {
          headers: [],
          params: [
            { name: "redirect_uri", value: "https://attacker.example/cb" },
            { name: "State", value: "forged" },
            { name: "code_challenge_method", value: "plain" },
            { name: "client_id", value: "other" },
          ],
        },
        token: { headers: [], params: [] },
        refresh: { headers: [], params: [] },
      },
    });
    const url = new URL(buildAuthorizationUrl(config, { redirectUri: REDIRECT, state: "real", codeChallenge: null }));
    expect(url.searchParams.getAll("response_type")).toEqual(["code"]);
    expect(url.searchParams.getAll("state")).toEqual(["real"]);
    expect(url.searchParams.getAll("redirect_uri")).toEqual([REDIRECT]);
    expect(url.searchParams.getAll("client_id")).toEqual(["client-123"]);
    expect(url.searchParams.has("State")).toBe(false);
    expect(url.searchParams.has("code_challenge")).toBe(false);
    expect(url.searchParams.has("code_challenge_method")).toBe(false);
  });

  it("needs an Auth URL", () => {
    expect(() => buildAuthorizationUrl(oauthConfig({ authUrl: null }), { redirectUri: REDIRECT, state: "s", codeChallenge: null })).toThrow(/Auth URL/);
  });
});
