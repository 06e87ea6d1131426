import { describe, expect, it } from "vitest";
import { connectorSchema, defaultConnectorValues, type ConnectorFormValues } from "@/lib/connectors/schema";

const strict = connectorSchema({ allowLoopback: false });
const dev = connectorSchema({ allowLoopback: true });

function valid(overrides: Partial<ConnectorFormValues> = {}): ConnectorFormValues {
  return {
    ...defaultConnectorValues(),
    name: "Acme CRM",
    authUrl: "https://auth.acme.example/authorize",
    tokenUrl: "https://auth.acme.example/token",
    clientId: "client-1",
    clientSecret: "secret",
    scopes: ["read", "write"],
    ...overrides,
  };
}

function errorsOf(values: ConnectorFormValues, schema = strict): Record<string, string[]> {
  const result = schema.safeParse(values);
  if (result.success) return {};
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) (errors[issue.path.join(".")] ??= []).push(issue.message);
  return errors;
}

const extras = (patch: Partial<ConnectorFormValues["extras"]>) => ({ ...defaultConnectorValues().extras, ...patch });

describe("connector schema", () => {
  it("accepts a complete authorization-code connector", () => {
    expect(errorsOf(valid())).toEqual({});
  });

  it("needs the Auth URL for Authorization Code only", () => {
    expect(errorsOf(valid({ authUrl: "" }))).toEqual({ authUrl: ["Authorization Code needs the vendor's Auth URL"] });
    expect(errorsOf(valid({ authUrl: "", grantType: "client_credentials" }))).toEqual({});
  });

  it.each([
    ["javascript:alert(1)", "Only https:// URLs are allowed"],
    ["data:text/html,hi", "Only https:// URLs are allowed"],
    ["http://auth.acme.example/token", "Only https:// URLs are allowed"],
    ["https://user:pw@auth.acme.example/token", "Remove the user name or password from the URL"],
    ["/relative/token", "Enter an absolute URL, like https://vendor.example.com/oauth/token"],
    ["https://127.0.0.1/token", "Loopback and private network addresses are not allowed"],
    ["https://127.1/token", "Loopback and private network addresses are not allowed"],
    ["https://0x7f.0.0.1/token", "Loopback and private network addresses are not allowed"],
    ["https://[::ffff:a9fe:a9fe]/token", "Loopback and private network addresses are not allowed"],
    ["https://169.254.169.254/latest", "Loopback and private network addresses are not allowed"],
    ["https://localhost/token", "Loopback and private network addresses are not allowed"],
  ])("refuses the URL %s", (url, message) => {
    expect(errorsOf(valid({ tokenUrl: url })).tokenUrl).toEqual([message]);
  });

  it("allows http and loopback only with the development setting", () => {
    expect(errorsOf(valid({ tokenUrl: "http://127.0.0.1:4000/token" }), dev)).toEqual({});
    expect(errorsOf(valid({ tokenUrl: "javascript:alert(1)" }), dev).tokenUrl).toEqual(["Only https:// URLs are allowed"]);
  });

  it("refuses CR/LF, framing headers and protocol parameters in the extras (SECURITY 15)", () => {
    const errors = errorsOf(
      valid({
        extras: extras({
          token: {
            headers: [
              { name: "X-Tenant", value: "a\r\nInjected: yes" },
              { name: "Host", value: "evil.example" },
              { name: "Bad Header", value: "x" },
            ],
            params: [{ name: "grant_type", value: "password" }],
          },
          refresh: { headers: [{ name: "Transfer-Encoding", value: "chunked" }], params: [{ name: "refresh_token", value: "x" }] },
          auth: { headers: [{ name: "X-Anything", value: "1" }], params: [{ name: "state", value: "fixed" }] },
        }),
      }),
    );
    expect(errors["extras.token.headers.0.value"]).toEqual(["The value must not contain line breaks or control characters"]);
    expect(errors["extras.token.headers.1.name"]).toEqual(["Latchkey sets the Host header itself; it cannot be added"]);
    expect(errors["extras.token.headers.2.name"]?.[0]).toMatch(/^Header names may use/);
    expect(errors["extras.token.params.0.name"]).toEqual(["Latchkey sets the grant_type parameter itself; it cannot be added"]);
    expect(errors["extras.refresh.headers.0.name"]).toEqual(["Latchkey sets the Transfer-Encoding header itself; it cannot be added"]);
    expect(errors["extras.refresh.params.0.name"]).toEqual(["Latchkey sets the refresh_token parameter itself; it cannot be added"]);
    expect(errors["extras.auth.params.0.name"]).toEqual(["Latchkey sets the state parameter itself; it cannot be added"]);
    expect(errors["extras.auth.headers"]).toEqual(["The authorization request is a browser redirect; it cannot carry extra headers"]);
  });

  it("limits sizes and row counts", () => {
    const rows = Array.from({ length: 21 }, (_, i) => ({ name: `p${i}`, value: "v" }));
    const errors = errorsOf(valid({ name: "x".repeat(101), clientSecret: "s".repeat(4097), extras: extras({ token: { headers: [], params: rows } }) }));
    expect(errors.name).toEqual(["At most 100 characters"]);
    expect(errors.clientSecret).toEqual(["At most 4096 characters"]);
    expect(errors["extras.token.params"]).toEqual(["At most 20 rows"]);
  });

  it("checks scope values against RFC 6749 §3.3 and the chosen separator", () => {
    expect(errorsOf(valid({ scopes: ["read write"] }))["scopes.0"]?.[0]).toMatch(/cannot contain spaces/);
    expect(errorsOf(valid({ scopes: ["a,b"], scopeSeparator: "," })).scopes).toEqual(["With the comma separator, a scope value cannot contain a comma"]);
    expect(errorsOf(valid({ scopes: ["read", "read"] })).scopes).toEqual(['"read" is listed twice']);
  });

  describe("refresh token lifetimes", () => {
    const LIFETIME_MESSAGE = "Enter a whole number of days from 1 to 3650, or leave it empty";

    it("reads the form's text as whole days; empty, blank or absent means unknown", () => {
      expect(strict.parse(valid({ refreshTokenIdleDays: "90", refreshTokenMaxDays: " 365 " }))).toMatchObject({
        refreshTokenIdleDays: 90,
        refreshTokenMaxDays: 365,
      });
      expect(strict.parse(valid({ refreshTokenIdleDays: "", refreshTokenMaxDays: "  " }))).toMatchObject({
        refreshTokenIdleDays: null,
        refreshTokenMaxDays: null,
      });
      // A payload from before these fields existed.
      const older: Partial<ConnectorFormValues> = valid();
      delete older.refreshTokenIdleDays;
      delete older.refreshTokenMaxDays;
      expect(strict.parse(older)).toMatchObject({ refreshTokenIdleDays: null, refreshTokenMaxDays: null });
    });

    it("accepts its own output again, as the server action re-parses what the form parsed", () => {
      const once = strict.parse(valid({ refreshTokenIdleDays: "30", refreshTokenMaxDays: "" }));
      expect(strict.parse(once)).toEqual(once);
    });

    it.each([["1"], ["3650"], [1], [3650]])("accepts the bound %j", (days) => {
      expect(errorsOf(valid({ refreshTokenIdleDays: days, refreshTokenMaxDays: days }))).toEqual({});
    });

    it.each([["0"], ["3651"], ["-5"], ["1.5"], ["30d"], ["1e3"], ["99999999"], [0], [3651], [2.5], [Number.NaN]])("refuses %j", (days) => {
      expect(errorsOf(valid({ refreshTokenIdleDays: days, refreshTokenMaxDays: days }))).toEqual({
        refreshTokenIdleDays: [LIFETIME_MESSAGE],
        refreshTokenMaxDays: [LIFETIME_MESSAGE],
      });
    });
  });
});
