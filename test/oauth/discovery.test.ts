/**
 * Discovery without I/O: where an issuer's metadata is looked for (OIDC Discovery first, then
 * RFC 8414 §3.1), the exact issuer check (RFC 8414 §3.3, OIDC Discovery §4.3), and how a
 * metadata document maps onto connector settings.
 */
import { describe, expect, it } from "vitest";
import {
  issuerProblem,
  metadataLocations,
  parseMetadataDocument,
  parseMetadataResponse,
  type DiscoveredSettings,
  type MetadataLocation,
} from "@/lib/oauth/discovery";

const ISSUER = "https://login.vendor.example.com";

function document(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    issuer: ISSUER,
    authorization_endpoint: `${ISSUER}/oauth2/authorize`,
    token_endpoint: `${ISSUER}/oauth2/token`,
    revocation_endpoint: `${ISSUER}/oauth2/revoke`,
    code_challenge_methods_supported: ["S256"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    authorization_response_iss_parameter_supported: true,
    ...overrides,
  };
}

function settings(doc: Record<string, unknown>, issuer = ISSUER, urlProblem?: (url: string) => string | null): DiscoveredSettings {
  const result = parseMetadataDocument(issuer, doc, { urlProblem });
  if (!result.ok) throw new Error(`expected settings, got ${result.error.code}: ${result.error.message}`);
  return result.settings;
}

function refusal(doc: Record<string, unknown>, issuer = ISSUER) {
  const result = parseMetadataDocument(issuer, doc, {}, "The metadata at https://x.example/.well-known/openid-configuration");
  if (result.ok) throw new Error("expected a refusal");
  return result.error;
}

describe("metadataLocations", () => {
  it("tries OIDC Discovery first, then RFC 8414, for an issuer without a path", () => {
    expect(metadataLocations(ISSUER)).toEqual([
      { kind: "openid-configuration", url: `${ISSUER}/.well-known/openid-configuration` },
      { kind: "oauth-authorization-server", url: `${ISSUER}/.well-known/oauth-authorization-server` },
    ]);
  });

  it("removes the issuer's terminating slash before appending (OIDC) and inserting (RFC 8414)", () => {
    expect(metadataLocations(`${ISSUER}/`).map((l) => l.url)).toEqual([
      `${ISSUER}/.well-known/openid-configuration`,
      `${ISSUER}/.well-known/oauth-authorization-server`,
    ]);
    expect(metadataLocations("https://acme.okta.com/oauth2/default/").map((l) => l.url)).toEqual([
      "https://acme.okta.com/oauth2/default/.well-known/openid-configuration",
      "https://acme.okta.com/.well-known/oauth-authorization-server/oauth2/default",
    ]);
  });

  it("inserts the RFC 8414 well-known segment between the host (with port) and the path", () => {
    expect(metadataLocations("http://127.0.0.1:4010/tenant/v2.0").map((l) => l.url)).toEqual([
      "http://127.0.0.1:4010/tenant/v2.0/.well-known/openid-configuration",
      "http://127.0.0.1:4010/.well-known/oauth-authorization-server/tenant/v2.0",
    ]);
  });

  it("refuses what cannot be an issuer identifier (RFC 8414 §2): no query, no fragment, an absolute http(s) URL", () => {
    expect(issuerProblem(ISSUER)).toBeNull();
    expect(issuerProblem(`${ISSUER}?tenant=a`)).toMatch(/no \?query/);
    expect(issuerProblem(`${ISSUER}?`)).toMatch(/no \?query/);
    expect(issuerProblem(`${ISSUER}#top`)).toMatch(/no #fragment/);
    expect(issuerProblem("login.vendor.example.com")).toMatch(/absolute URL/);
    expect(issuerProblem("ftp://vendor.example.com")).toMatch(/https/);
    expect(issuerProblem("https://user:pw@vendor.example.com")).toMatch(/user name or password/);
    expect(() => metadataLocations(`${ISSUER}?x=1`)).toThrow(TypeError);
  });
});

describe("parseMetadataDocument: the issuer must be the one requested, exactly", () => {
  it("refuses another issuer, naming both values, and takes nothing from the document", () => {
    const error = refusal(document({ issuer: "https://evil.example.net" }));
    expect(error.code).toBe("issuer_mismatch");
    expect(error.message).toContain('"https://evil.example.net"');
    expect(error.message).toContain(`"${ISSUER}"`);
    expect(error.message).toContain("RFC 8414 §3.3");
    expect(error.message).toContain("https://x.example/.well-known/openid-configuration");
  });

  it("compares without normalising: a trailing slash is a different issuer, and the message says so", () => {
    const error = refusal(document({ issuer: `${ISSUER}/` }));
    expect(error.code).toBe("issuer_mismatch");
    expect(error.message).toMatch(/only in the trailing slash/);
    expect(refusal(document({ issuer: "HTTPS://LOGIN.VENDOR.EXAMPLE.COM" })).code).toBe("issuer_mismatch");
  });

  it("refuses a document without an issuer", () => {
    expect(refusal(document({ issuer: undefined })).code).toBe("issuer_missing");
    expect(refusal(document({ issuer: 42 })).code).toBe("issuer_missing");
  });

  it("quotes a hostile issuer redacted and shortened", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXZhbHVl";
    const error = refusal(document({ issuer: `https://evil.example.net/${jwt}/${"a".repeat(5000)}` }));
    expect(error.message).not.toContain(jwt);
    expect(error.message.length).toBeLessThan(700);
  });
});

describe("parseMetadataDocument: settings", () => {
  it("maps the endpoints, S256, client_secret_basic and iss support", () => {
    expect(settings(document())).toEqual({
      issuer: ISSUER,
      authUrl: { value: `${ISSUER}/oauth2/authorize`, reason: "authorization_endpoint" },
      tokenUrl: { value: `${ISSUER}/oauth2/token`, reason: "token_endpoint" },
      revocationUrl: { value: `${ISSUER}/oauth2/revoke`, reason: "revocation_endpoint" },
      usePkce: { value: true, reason: "code_challenge_methods_supported includes S256" },
      clientAuth: { value: "basic", reason: expect.stringContaining("includes client_secret_basic") },
      requireIss: { value: true, reason: expect.stringContaining("RFC 9207") },
    });
  });

  it("leaves PKCE alone when not advertised, and turns it off when S256 is not among the methods", () => {
    expect(settings(document({ code_challenge_methods_supported: undefined })).usePkce).toEqual({
      value: null,
      reason: "code_challenge_methods_supported is not advertised",
    });
    expect(settings(document({ code_challenge_methods_supported: ["plain"] })).usePkce).toMatchObject({
      value: false,
      reason: expect.stringContaining("not S256"),
    });
    expect(settings(document({ code_challenge_methods_supported: ["plain", "S256"] })).usePkce.value).toBe(true);
  });

  it("client authentication: Basic preferred, Basic by default when absent, body for client_secret_post only", () => {
    expect(settings(document({ token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"] })).clientAuth.value).toBe("basic");
    expect(settings(document({ token_endpoint_auth_methods_supported: undefined })).clientAuth).toEqual({
      value: "basic",
      reason: expect.stringMatching(/not advertised.*default \(RFC 8414 §2\)/),
    });
    expect(settings(document({ token_endpoint_auth_methods_supported: ["private_key_jwt", "client_secret_post"] })).clientAuth).toMatchObject({
      value: "body",
      reason: expect.stringContaining("client_secret_post"),
    });
  });

  it("chooses Signed JWT when the vendor accepts no client secret, and says plainly when it accepts only methods Latchkey cannot use yet", () => {
    const jwtOnly = settings(document({ token_endpoint_auth_methods_supported: ["private_key_jwt", "tls_client_auth"] })).clientAuth;
    expect(jwtOnly).toMatchObject({ value: "private_key_jwt", reason: expect.stringContaining("no client secret method") });
    const tlsOnly = settings(document({ token_endpoint_auth_methods_supported: ["tls_client_auth", "client_secret_jwt"] })).clientAuth;
    expect(tlsOnly.value).toBeNull();
    expect(tlsOnly.reason).toContain('accepts only "tls_client_auth", "client_secret_jwt"');
    expect(tlsOnly.reason).toContain("Latchkey cannot use these methods yet");
  });

  it("requires iss only when authorization_response_iss_parameter_supported is true", () => {
    expect(settings(document({ authorization_response_iss_parameter_supported: undefined })).requireIss).toMatchObject({
      value: false,
      reason: expect.stringContaining("not advertised"),
    });
    expect(settings(document({ authorization_response_iss_parameter_supported: "true" })).requireIss.value).toBe(false);
  });

  it("leaves out endpoints that are absent, not URLs, or refused by the connector's URL rules, saying why", () => {
    const found = settings(
      document({ revocation_endpoint: undefined, authorization_endpoint: "javascript:alert(1)", token_endpoint: "http://10.0.0.5/token" }),
      ISSUER,
      (url) => (url.startsWith("http:") ? "Only https:// URLs are allowed" : null),
    );
    expect(found.revocationUrl).toEqual({ value: null, reason: "revocation_endpoint is not in the metadata" });
    expect(found.authUrl).toMatchObject({ value: null, reason: expect.stringContaining("authorization_endpoint is not a usable URL") });
    expect(found.tokenUrl).toEqual({ value: null, reason: 'token_endpoint "http://10.0.0.5/token" cannot be used: Only https:// URLs are allowed' });
    expect(settings(document({ token_endpoint: "https://vendor.example.com/tok\nen" })).tokenUrl.value).toBeNull();
    expect(settings(document({ token_endpoint: ["https://vendor.example.com/token"] })).tokenUrl.value).toBeNull();
  });
});

describe("parseMetadataResponse", () => {
  const location: MetadataLocation = { kind: "openid-configuration", url: `${ISSUER}/.well-known/openid-configuration` };
  const json = { "content-type": "application/json" };

  it("reads a JSON document (a byte-order mark tolerated)", () => {
    const result = parseMetadataResponse(ISSUER, location, { status: 200, headers: json, body: `\uFEFF${JSON.stringify(document())}` });
    expect(result.ok && result.settings.tokenUrl.value).toBe(`${ISSUER}/oauth2/token`);
  });

  it("names the URL and what was wrong: a status, an HTML page, an empty body, not an object", () => {
    const error = (status: number, body: string, headers: Record<string, string> = json) => {
      const result = parseMetadataResponse(ISSUER, location, { status, headers, body });
      return result.ok ? null : result.error;
    };
    expect(error(404, "Not Found")).toEqual({ code: "http_status", message: `${location.url} answered HTTP 404 (not found).` });
    expect(error(200, "<!DOCTYPE html><html><body>Sign in</body></html>", { "content-type": "text/html" })).toEqual({
      code: "not_json",
      message: `${location.url} answered with an HTML page, not a metadata document.`,
    });
    expect(error(200, "")?.message).toContain("an empty body");
    expect(error(200, "[1,2]")?.message).toContain("JSON that is not an object");
    expect(error(200, JSON.stringify(document({ issuer: "https://other.example.com" })))?.code).toBe("issuer_mismatch");
  });

  it("never quotes the body of a refused answer", () => {
    const result = parseMetadataResponse(ISSUER, location, { status: 500, headers: {}, body: "access_token=should-not-appear" });
    expect(JSON.stringify(result)).not.toContain("should-not-appear");
  });
});
