import { describe, expect, it } from "vitest";
import {
  classifyOutboundError,
  classifyVendorError,
  excerptOf,
  failureClassOf,
  parseRetryAfter,
  RETRYABLE,
  parseRevocationResponse,
  parseTokenResponse,
  type HttpResponse,
  type OAuthError,
  type TokenResult,
} from "@/lib/oauth";
import { OutboundError } from "@/lib/http/outbound-error";
import { jwtWithExp } from "../support/quirky-vendor";

const NOW = new Date("2030-01-01T00:00:00Z");

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) };
}

function failed(result: TokenResult): OAuthError {
  if (result.ok) throw new Error("expected a failure");
  return result.error;
}

function succeeded(result: TokenResult) {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}`);
  return result.token;
}

describe("parseTokenResponse: success", () => {
  it("reads the RFC 6749 §5.1 fields", () => {
    const token = succeeded(
      parseTokenResponse(jsonResponse(200, { access_token: "at", token_type: "Bearer", expires_in: 3600, refresh_token: "rt", scope: "a b" }), NOW),
    );
    expect(token).toEqual({
      accessToken: "at",
      tokenType: "Bearer",
      expiresAt: new Date("2030-01-01T01:00:00Z"),
      refreshToken: "rt",
      refreshTokenExpiresAt: null,
      scopes: ["a", "b"],
      extra: {},
    });
  });

  it("reads the refresh token's lifetime when the vendor sends one (Box, Xero, GitHub apps; QuickBooks' x_ prefix)", () => {
    const standard = succeeded(parseTokenResponse(jsonResponse(200, { access_token: "at", refresh_token: "rt", refresh_token_expires_in: 5_184_000 }), NOW));
    expect(standard.refreshTokenExpiresAt).toEqual(new Date(NOW.getTime() + 5_184_000_000));
    const quickbooks = succeeded(
      parseTokenResponse(jsonResponse(200, { access_token: "at", refresh_token: "rt", x_refresh_token_expires_in: "8726400" }), NOW),
    );
    expect(quickbooks.refreshTokenExpiresAt).toEqual(new Date(NOW.getTime() + 8_726_400_000));
    expect(quickbooks.extra).toEqual({});
  });

  it("treats a missing refresh_token as null (the caller keeps the old one) and a missing scope as unknown", () => {
    const token = succeeded(parseTokenResponse(jsonResponse(200, { access_token: "at", token_type: "Bearer" }), NOW));
    expect(token.refreshToken).toBeNull();
    expect(token.scopes).toBeNull();
    expect(token.expiresAt).toBeNull();
  });

  it.each([
    ["0", 0],
    ["negative", -5],
    ["absurd (an epoch in seconds)", 1_893_456_000],
    ["non-numeric string", "soon"],
  ])("falls back from a %s expires_in to the JWT exp, else to unknown", (_label, expiresIn) => {
    const exp = NOW.getTime() / 1000 + 600;
    expect(succeeded(parseTokenResponse(jsonResponse(200, { access_token: jwtWithExp(exp), expires_in: expiresIn }), NOW)).expiresAt).toEqual(
      new Date(exp * 1000),
    );
    expect(succeeded(parseTokenResponse(jsonResponse(200, { access_token: "opaque", expires_in: expiresIn }), NOW)).expiresAt).toBeNull();
  });

  it("prefers expires_in over the JWT exp, and ignores an absurd exp", () => {
    const jwt = jwtWithExp(NOW.getTime() / 1000 + 600);
    expect(succeeded(parseTokenResponse(jsonResponse(200, { access_token: jwt, expires_in: 60 }), NOW)).expiresAt).toEqual(new Date(NOW.getTime() + 60_000));
    const farFuture = jwtWithExp(NOW.getTime() / 1000 + 20 * 365 * 86400);
    expect(succeeded(parseTokenResponse(jsonResponse(200, { access_token: farFuture }), NOW)).expiresAt).toBeNull();
  });

  it("splits scopes on spaces or commas and accepts an array", () => {
    expect(succeeded(parseTokenResponse(jsonResponse(200, { access_token: "a", scope: "x,y z" }), NOW)).scopes).toEqual(["x", "y", "z"]);
    expect(succeeded(parseTokenResponse(jsonResponse(200, { access_token: "a", scope: ["x", "y"] }), NOW)).scopes).toEqual(["x", "y"]);
  });

  it("redacts a secret quoted inside a longer extra value", () => {
    const token = succeeded(
      parseTokenResponse(
        jsonResponse(200, {
          access_token: "at-0123456789",
          refresh_token: "rt-0123456789",
          note: "issued for rt-0123456789 today",
          instance_url: "https://eu1.example",
        }),
        NOW,
      ),
    );
    expect(token.extra).toEqual({ note: "issued for [redacted] today", instance_url: "https://eu1.example" });
  });

  it("keeps non-secret extras and drops every credential, at any depth", () => {
    const token = succeeded(
      parseTokenResponse(
        jsonResponse(200, {
          access_token: "at-secret",
          refresh_token: "rt-secret",
          id_token: "id-secret",
          instance_url: "https://x.my.salesforce.com",
          bot: { bot_access_token: "nested-secret", bot_user_id: "B1" },
          incoming_webhook: { url: "https://hooks.example/T/B/secret" },
          echo: "at-secret",
          nothing: null,
        }),
        NOW,
      ),
    );
    expect(token.extra).toEqual({ instance_url: "https://x.my.salesforce.com", bot: { bot_user_id: "B1" }, nothing: null });
    expect(JSON.stringify(token.extra)).not.toMatch(/secret/);
  });

  it("reads a Slack token nested under authed_user, or at an explicit tokenPath", () => {
    const body = {
      ok: true,
      access_token: "xoxb-bot",
      token_type: "bot",
      scope: "commands",
      authed_user: { id: "U1", access_token: "xoxp-user", token_type: "user", scope: "a,b" },
    };
    expect(succeeded(parseTokenResponse(jsonResponse(200, body), NOW)).accessToken).toBe("xoxb-bot");
    const user = succeeded(parseTokenResponse(jsonResponse(200, body), NOW, { tokenPath: "authed_user" }));
    expect(user).toMatchObject({ accessToken: "xoxp-user", tokenType: "user", scopes: ["a", "b"] });
    expect(user.extra).toEqual({ token_type: "bot", scope: "commands", authed_user: { id: "U1", token_type: "user", scope: "a,b" } });
    expect(failed(parseTokenResponse(jsonResponse(200, body), NOW, { tokenPath: "missing.path" })).code).toBe("malformed_response");
  });

  it("does not treat `error: null` as a failure", () => {
    expect(parseTokenResponse(jsonResponse(200, { access_token: "a", error: null }), NOW).ok).toBe(true);
  });
});

describe("parseTokenResponse: failures", () => {
  it.each([
    [200, { error: "bad_verification_code" }, "invalid_grant"],
    [200, { ok: false, error: "invalid_code" }, "invalid_grant"],
    [403, { error: "invalid_grant" }, "invalid_grant"],
    [400, { error: "invalid_client" }, "invalid_client"],
    [200, { error: "incorrect_client_credentials" }, "invalid_client"],
    [400, { error: "INVALID_SCOPE" }, "invalid_scope"],
    [400, { error: "unauthorized_client" }, "unauthorized_client"],
    [400, { error: "unsupported_grant_type" }, "unsupported_grant_type"],
    [400, { error: "access_denied" }, "access_denied"],
    [500, { error: "server_error" }, "server_error"],
    [503, { error: "temporarily_unavailable" }, "temporarily_unavailable"],
    [200, { ok: false, error: "ratelimited" }, "temporarily_unavailable"],
    [400, { error: "redirect_uri_mismatch" }, "invalid_request"],
    // Unknown strings: a conservative guess that never stops retries (never invalid_grant).
    [400, { error: "expired_refresh_token_xyz" }, "invalid_request"],
    [400, { error: "internal_token_error" }, "server_error"],
    [500, { error: "token_store_exploded" }, "server_error"],
    [429, { error: "whoa_there" }, "temporarily_unavailable"],
    [401, { error: "revoked_token_maybe" }, "invalid_request"],
    [400, { error: { code: "InvalidClientSecret", message: "nope" } }, "invalid_client"],
    // No OAuth error at all: a bare 401/403 (a WAF, a proxy) is transient, not a verdict on the client.
    [401, { message: "Unauthorized" }, "http_error"],
    [403, { message: "Forbidden" }, "http_error"],
    [404, { message: "Not found" }, "invalid_request"],
    [200, { error: "something_odd" }, "invalid_request"],
  ] as const)("HTTP %i %j → %s", (status, body, code) => {
    const error = failed(parseTokenResponse(jsonResponse(status, body), NOW));
    expect(error.code).toBe(code);
    expect(error.httpStatus).toBe(status);
    expect(error.retryable).toBe(["server_error", "temporarily_unavailable", "http_error"].includes(code));
  });

  it.each([
    ["invalid_grant", "needs_reauth"],
    ["invalid_client", "check_client"],
    ["unauthorized_client", "check_client"],
    ["invalid_scope", "refresh_failing"],
    ["invalid_request", "refresh_failing"],
    ["unsupported_grant_type", "refresh_failing"],
    ["server_error", "transient"],
    ["temporarily_unavailable", "transient"],
    ["timeout", "transient"],
    ["network", "transient"],
    ["malformed_response", "transient"],
    ["http_error", "transient"],
  ] as const)("%s is in the %s class", (code, failureClass) => {
    expect(failureClassOf(code)).toBe(failureClass);
    expect(RETRYABLE.has(code)).toBe(failureClass === "transient");
  });

  it("fails on ok:false even without an error string or with a token", () => {
    expect(failed(parseTokenResponse(jsonResponse(200, { ok: false, access_token: "xoxb-1" }), NOW))).toMatchObject({ vendorError: null, httpStatus: 200 });
    expect(parseTokenResponse({ status: 200, headers: { "content-type": "application/x-www-form-urlencoded" }, body: "ok=false&access_token=x" }, NOW).ok).toBe(
      false,
    );
  });

  it("reads a gateway-style nested error object", () => {
    const error = failed(parseTokenResponse(jsonResponse(400, { error: { code: "InvalidClientSecret", message: "The secret is wrong" } }), NOW));
    expect(error).toMatchObject({ code: "invalid_client", vendorError: "InvalidClientSecret", description: "The secret is wrong" });
  });

  it("fails on an error field even when an access_token is present", () => {
    expect(failed(parseTokenResponse(jsonResponse(200, { access_token: "a", error: "invalid_grant" }), NOW)).code).toBe("invalid_grant");
  });

  it("keeps the vendor's error string and description", () => {
    const error = failed(
      parseTokenResponse(jsonResponse(200, { error: "bad_verification_code", error_description: "The code passed is incorrect or expired." }), NOW),
    );
    expect(error.vendorError).toBe("bad_verification_code");
    expect(error.description).toBe("The code passed is incorrect or expired.");
    expect(error.message).toMatch(/Reconnect/);
  });

  it.each([
    [200, "text/html", "<html>login</html>", "malformed_response", true],
    [200, "application/json", "{nope", "malformed_response", true],
    [200, "application/json", "[1,2]", "malformed_response", true],
    [200, "application/json", "", "malformed_response", true],
    [502, "text/html", "<html>Bad Gateway</html>", "server_error", true],
    [500, "text/plain", "oops", "server_error", true],
    [400, "text/plain", "Bad Request", "invalid_request", false],
    [403, "text/html", "<html>WAF</html>", "http_error", true],
    [401, "text/html", "<html>Unauthorized</html>", "http_error", true],
  ] as const)("HTTP %i %s %j → %s", (status, contentType, body, code, retryable) => {
    const error = failed(parseTokenResponse({ status, headers: { "content-type": contentType }, body }, NOW));
    expect(error).toMatchObject({ code, retryable, httpStatus: status, vendorError: null });
  });

  it("honours Retry-After on 429 and 503, in seconds or as an HTTP date", () => {
    expect(failed(parseTokenResponse(jsonResponse(429, {}, { "Retry-After": "30" }), NOW))).toMatchObject({
      code: "temporarily_unavailable",
      retryable: true,
      retryAfterSeconds: 30,
    });
    const date = new Date(NOW.getTime() + 90_000).toUTCString();
    expect(failed(parseTokenResponse({ status: 503, headers: { "retry-after": date }, body: "" }, NOW)).retryAfterSeconds).toBe(90);
    expect(failed(parseTokenResponse(jsonResponse(400, { error: "invalid_grant" }, { "retry-after": "30" }), NOW)).retryAfterSeconds).toBeNull();
    expect(parseRetryAfter("garbage", NOW)).toBeNull();
    expect(parseRetryAfter(new Date(NOW.getTime() - 5000).toUTCString(), NOW)).toBe(0);
  });
});

describe("redaction", () => {
  it("removes token, secret and code values from excerpts, descriptions and vendor errors", () => {
    const body = JSON.stringify({
      error: "invalid_grant",
      error_description: "refresh token my-refresh-token-1 was revoked",
      access_token: "leaky-access",
      refresh_token: "my-refresh-token-1",
      id_token: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln",
      client_secret: "shh",
      code: "the-code",
    });
    const error = failed(parseTokenResponse({ status: 400, headers: { "content-type": "application/json" }, body }, NOW, { secrets: ["my-refresh-token-1"] }));
    for (const secret of ["leaky-access", "my-refresh-token-1", "eyJhbGciOiJSUzI1NiJ9", "shh", "the-code"]) {
      expect(error.excerpt).not.toContain(secret);
      expect(error.description ?? "").not.toContain(secret);
      expect(error.message).not.toContain(secret);
    }
    expect(error.excerpt).toContain('"access_token":"[redacted]"');
    expect(error.description).toBe("refresh token [redacted] was revoked");
  });

  it("redacts form-encoded bodies and the encoded spellings of passed secrets", () => {
    const excerpt = excerptOf("error=invalid_client&client_secret=a%2Bb&note=sent+p%2Bq%3Dr+and+p+q", ["p+q=r"]);
    expect(excerpt).toBe("error=invalid_client&client_secret=[redacted]&note=sent+[redacted]+and+p+q");
  });

  it("keeps at most 300 characters, redacting before cutting", () => {
    const secret = "S".repeat(40);
    const excerpt = excerptOf(`${"x".repeat(280)} ${secret}`, [secret])!;
    expect(excerpt.length).toBeLessThanOrEqual(300);
    expect(excerpt).not.toContain("SSSS");
  });
});

describe("classification helpers", () => {
  it("maps unknown vendor strings to the closest class, then falls back to the status", () => {
    expect(classifyVendorError("bad_verification_code", 200)).toBe("invalid_grant");
    expect(classifyVendorError("Too_Many_Requests", 400)).toBe("temporarily_unavailable");
    expect(classifyVendorError("zzz", 502)).toBe("server_error");
    expect(classifyVendorError(null, 429)).toBe("temporarily_unavailable");
  });

  it("classifies thrown send errors", () => {
    expect(classifyOutboundError(new OutboundError("blocked_address", "Refused to connect to 169.254.169.254"))).toMatchObject({
      code: "blocked_address",
      retryable: false,
      message: "Refused to connect to 169.254.169.254",
    });
    expect(classifyOutboundError(new OutboundError("bad_scheme", "Only https"))).toMatchObject({ code: "blocked_address", retryable: false });
    expect(classifyOutboundError(new OutboundError("timeout", "slow"))).toMatchObject({ code: "timeout", retryable: true });
    expect(classifyOutboundError(new OutboundError("redirect", "moved", 302))).toMatchObject({ code: "malformed_response", httpStatus: 302, retryable: true });
    expect(classifyOutboundError(new OutboundError("too_large", "big"))).toMatchObject({ code: "malformed_response", retryable: true });
    expect(classifyOutboundError(new DOMException("aborted", "TimeoutError"))).toMatchObject({ code: "timeout", retryable: true });
    const other = classifyOutboundError(new Error("connect to https://x/?client_secret=abc failed"));
    expect(other).toMatchObject({ code: "network", retryable: true });
    expect(other.message).not.toContain("abc");
  });
});

describe("parseRevocationResponse (RFC 7009 §2.2)", () => {
  it("treats any 2xx without an OAuth error as revoked, whatever the body", () => {
    expect(parseRevocationResponse({ status: 200, headers: {}, body: "" }, NOW)).toEqual({ ok: true });
    expect(parseRevocationResponse({ status: 204, headers: { "content-type": "text/html" }, body: "<p>ok</p>" }, NOW)).toEqual({ ok: true });
  });

  it("reports errors, 503 as retryable", () => {
    const unsupported = parseRevocationResponse(jsonResponse(400, { error: "unsupported_token_type" }), NOW);
    expect(unsupported.ok ? null : unsupported.error.code).toBe("invalid_request");
    const busy = parseRevocationResponse({ status: 503, headers: { "retry-after": "5" }, body: "" }, NOW);
    expect(busy.ok ? null : busy.error).toMatchObject({ code: "temporarily_unavailable", retryable: true, retryAfterSeconds: 5 });
    const slack = parseRevocationResponse(jsonResponse(200, { ok: false, error: "invalid_auth" }), NOW);
    expect(slack.ok).toBe(false);
  });
});

describe("redaction of quoted Authorization values", () => {
  it("hides Basic and Bearer credentials but keeps prose", () => {
    expect(excerptOf("got Authorization: Basic Y2xpZW50OnNlY3JldA== and bearer abc.def-123")).toBe("got Authorization: Basic [redacted] and bearer [redacted]");
    expect(excerptOf("Bearer token missing; basic authentication failed")).toBe("Bearer token missing; basic authentication failed");
  });
});
