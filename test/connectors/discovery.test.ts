/**
 * Discover against real servers: the oidc-provider test vendor's own discovery document, and
 * small HTTP servers on 127.0.0.1 that serve only the RFC 8414 document (the fallback), a
 * document naming another issuer, an HTML page, too much, a redirect, or nothing at all. Every
 * request goes through the outbound guard, so the loopback development setting decides whether
 * 127.0.0.1 may be reached at all (SECURITY 12–14).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestVendor, type TestVendor } from "@/e2e/vendor/test-vendor";
import { startScriptedServer, type ScriptedResponse, type ScriptedServer } from "../support/scripted-server";
import { discoverIssuer, discoveryInputSchema } from "@/lib/connectors/discovery";
import { DomainError } from "@/lib/errors";

const DEV = { devAllowLoopback: true };
const json = (body: unknown): ScriptedResponse => ({ status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const notFound: ScriptedResponse = { status: 404, headers: { "content-type": "text/plain" }, body: "Not Found" };

function metadata(issuer: string, extra: Record<string, unknown> = {}) {
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post"],
    ...extra,
  };
}

/** The DomainError discoverIssuer refused with (always on the issuerUrl field). */
async function refusal(issuer: string, config = DEV, options: { timeoutMs?: number } = {}): Promise<string> {
  const error = await discoverIssuer(issuer, config, options).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  expect(error.field).toBe("issuerUrl");
  return error.message;
}

let vendor: TestVendor;
const servers: ScriptedServer[] = [];

async function server(answer: (path: string) => ScriptedResponse | Promise<ScriptedResponse>): Promise<ScriptedServer> {
  const started = await startScriptedServer((request) => answer(request.path));
  servers.push(started);
  return started;
}

beforeAll(async () => {
  vendor = await startTestVendor();
});
afterAll(async () => {
  await vendor?.close();
  await Promise.all(servers.map((s) => s.close()));
});

describe("discoverIssuer", () => {
  it("reads the test vendor's OpenID configuration: endpoints, S256, Basic, iss", async () => {
    const found = await discoverIssuer(vendor.issuer, DEV);
    expect(found).toMatchObject({
      issuer: vendor.issuer,
      kind: "openid-configuration",
      metadataUrl: `${vendor.issuer}/.well-known/openid-configuration`,
      passedOver: null,
    });
    expect(found.settings).toMatchObject({
      authUrl: { value: vendor.authorizationEndpoint },
      tokenUrl: { value: vendor.tokenEndpoint },
      revocationUrl: { value: vendor.revocationEndpoint },
      usePkce: { value: true },
      clientAuth: { value: "basic" },
      requireIss: { value: true },
    });
  });

  it("falls back to RFC 8414 when the OpenID configuration is not found, inserting the well-known segment before the path", async () => {
    const oauthOnly = await server((path) =>
      path === "/.well-known/oauth-authorization-server/tenant-a" ? json(metadata(`${oauthOnly.url}/tenant-a`)) : notFound,
    );
    const issuer = `${oauthOnly.url}/tenant-a`;
    const found = await discoverIssuer(issuer, DEV);
    expect(oauthOnly.requests.map((r) => r.path)).toEqual(["/tenant-a/.well-known/openid-configuration", "/.well-known/oauth-authorization-server/tenant-a"]);
    expect(oauthOnly.requests[0]!.headers.accept).toBe("application/json");
    expect(found).toMatchObject({ kind: "oauth-authorization-server", metadataUrl: `${oauthOnly.url}/.well-known/oauth-authorization-server/tenant-a` });
    expect(found.passedOver).toBe(`${issuer}/.well-known/openid-configuration answered HTTP 404 (not found).`);
    expect(found.settings).toMatchObject({
      tokenUrl: { value: `${issuer}/token` },
      clientAuth: { value: "body" },
      usePkce: { value: null },
      requireIss: { value: false },
    });
  });

  it("falls back when the OpenID configuration names another issuer, and uses the RFC 8414 document that matches", async () => {
    const split = await server((path) => (path.includes("openid-configuration") ? json(metadata("https://other.example.com")) : json(metadata(split.url))));
    const found = await discoverIssuer(split.url, DEV);
    expect(found.kind).toBe("oauth-authorization-server");
    expect(found.passedOver).toContain('names the issuer "https://other.example.com"');
  });

  it("refuses metadata whose issuer is not the one entered, naming both, and fills nothing", async () => {
    const impostor = await server(() => json(metadata("https://login.vendor.example.com")));
    const message = await refusal(impostor.url);
    expect(message).toMatch(/^No usable metadata was found for this issuer\./);
    expect(message).toContain(`names the issuer "https://login.vendor.example.com", not "${impostor.url}" as entered`);
    expect(impostor.requests).toHaveLength(2);
  });

  it("refuses an HTML page at both locations without quoting it", async () => {
    const portal = await server(() => ({
      status: 200,
      headers: { "content-type": "text/html" },
      body: "<!doctype html><html><body>Captive portal secret-looking-text</body></html>",
    }));
    const message = await refusal(portal.url);
    expect(message).toContain(`${portal.url}/.well-known/openid-configuration answered with an HTML page, not a metadata document.`);
    expect(message).toContain(`${portal.url}/.well-known/oauth-authorization-server answered with an HTML page`);
    expect(message).not.toContain("secret-looking-text");
  });

  it("abandons a body past the size cap, and does not follow a redirect", async () => {
    const redirect: ScriptedResponse = { status: 302, headers: { location: "https://elsewhere.example.com/meta" }, body: "" };
    const huge: ScriptedResponse = { status: 200, headers: { "content-type": "application/json" }, body: `{"issuer":"${"x".repeat(300 * 1024)}"}` };
    const odd = await server((path) => (path.includes("openid-configuration") ? redirect : huge));
    const message = await refusal(odd.url);
    expect(message).toContain("redirects elsewhere (HTTP 302); Latchkey does not follow redirects.");
    expect(message).toMatch(/larger than 262144 bytes and was abandoned/);
  });

  it("gives up at the deadline, without trying the second location on the same host", async () => {
    const silent = await server(() => new Promise<ScriptedResponse>(() => {}));
    const message = await refusal(silent.url, DEV, { timeoutMs: 300 });
    expect(message).toMatch(/^Could not fetch the issuer's metadata: 127\.0\.0\.1:\d+ did not answer within 0\.3 s/);
    expect(silent.requests).toHaveLength(1);
  });

  it("goes through the outbound guard: without the loopback setting, http and 127.0.0.1 are refused before any request", async () => {
    const before = vendor.requests.length;
    expect(await refusal(vendor.issuer, { devAllowLoopback: false })).toMatch(/Only https:\/\/ URLs are allowed/);
    const httpsLoopback = vendor.issuer.replace("http:", "https:");
    expect(await refusal(httpsLoopback, { devAllowLoopback: false })).toMatch(/^Could not fetch the issuer's metadata: /);
    expect(vendor.requests.length).toBe(before);
  });
});

describe("discoveryInputSchema", () => {
  const parse = (issuerUrl: string, allowLoopback = false) => {
    const result = discoveryInputSchema({ allowLoopback }).safeParse({ issuerUrl });
    return result.success ? result.data.issuerUrl : result.error.issues[0]!.message;
  };

  it("applies the connector schema's URL rules and the issuer's own (no query)", () => {
    expect(parse(" https://accounts.google.com ")).toBe("https://accounts.google.com");
    expect(parse("")).toBe("Enter the Issuer URL");
    expect(parse("http://127.0.0.1:4000")).toBe("Only https:// URLs are allowed");
    expect(parse("http://127.0.0.1:4000", true)).toBe("http://127.0.0.1:4000");
    expect(parse("https://10.0.0.7")).toBe("Loopback and private network addresses are not allowed");
    expect(parse("https://login.example.com/#x")).toBe("Remove the #fragment from the URL");
    expect(parse("https://login.example.com/?tenant=a")).toMatch(/no \?query/);
    expect(parse("https://{okta_domain}")).toBe("Enter {okta_domain} in the Issuer URL first");
  });
});
