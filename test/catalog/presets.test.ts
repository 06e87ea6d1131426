/**
 * Quality of every catalog preset (issue 11, item 5): structural rules only, so the test runs on a
 * clone of the repository alone. Each preset's variables are filled with their own examples and
 * the resulting URLs must pass the connector schema's URL rule; the grant and client
 * authentication must be ones the engine supports (or the preset says what it lacks); scopes must
 * parse; extras must not touch protocol names; and nothing that fills the form may be a
 * placeholder or the word "unverified" presented as a value.
 */
import { describe, expect, it } from "vitest";
import { PRESETS, presetById, type Preset } from "@/lib/catalog";
import { fillTemplate, placeholdersIn } from "@/lib/catalog/template";
import {
  CLIENT_AUTH_METHODS,
  CREDENTIAL_TYPES,
  GRANT_TYPES,
  JWT_SCOPE_PLACEMENTS,
  LIMITS,
  SCOPE_SEPARATORS,
  TOKEN_BODY_FORMATS,
  connectorSchema,
  defaultConnectorValues,
} from "@/lib/connectors/schema";
import { vendorUrlProblem } from "@/lib/http/url-policy";
import { presetFilledValues } from "@/lib/connectors/preset-values";
import { RESERVED_AUTH_PARAMS, RESERVED_HEADERS, RESERVED_TOKEN_PARAMS } from "@/lib/oauth/request-extras";

/** The names issue 11 requires in the Vendor list, spelled as the vendors spell themselves. */
const REQUIRED_NAMES = ["Microsoft Entra ID", "Microsoft Intune", "Okta", "Zoom", "Salesforce", "Google Workspace", "Slack", "GitHub"];

/** URL fields filled into the form; each may hold `{variable}` placeholders. */
const URL_FIELDS = ["issuerUrl", "authUrl", "tokenUrl", "refreshUrl", "revocationUrl"] as const;
const EXTRA_REQUESTS = ["auth", "token", "refresh"] as const;
const RESERVED_PARAMS = { auth: RESERVED_AUTH_PARAMS, token: RESERVED_TOKEN_PARAMS, refresh: RESERVED_TOKEN_PARAMS } as const;

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const VARIABLE_NAME = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
/** RFC 6749 §3.3 scope-token. */
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;
/** RFC 9110 §5.6.2 token, as the connector schema requires for header names. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** The connector schema's rule for metadata names and the access-token path: names joined by dots. */
const DOTTED_NAME = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
/** A research placeholder such as "<comma-separated user-token scopes>" left in as if it were a value. */
const ANGLE_PLACEHOLDER = /<[^>]*>/;

/** API Key and Basic Auth presets (Kandji, Freshservice): no OAuth endpoints, grant or scopes; the API Base URL carries the credential. */
function isStatic(preset: Preset): boolean {
  return preset.credentialType === "api_key" || preset.credentialType === "basic";
}

function examples(preset: Preset): Record<string, string> {
  return Object.fromEntries(preset.variables.map((variable) => [variable.name, variable.example]));
}

function extraRows(preset: Preset) {
  return EXTRA_REQUESTS.flatMap((request) =>
    (["headers", "params"] as const).flatMap((kind) => (preset.extras?.[request]?.[kind] ?? []).map((row) => ({ request, kind, ...row }))),
  );
}

/** Every text that carries `{variable}` placeholders filled from the admin's answers. */
function templatedTexts(preset: Preset): string[] {
  return [...URL_FIELDS.map((field) => preset[field]), preset.apiBaseUrl, ...extraRows(preset).map((row) => row.value)].filter(
    (text): text is string => text !== undefined,
  );
}

/** The API Base URL once variables are filled and metadata fields get stand-ins, as the schema checks it. */
function apiBaseUrlWithStandIns(preset: Preset, apiBaseUrl: string): string {
  return fillTemplate(apiBaseUrl, examples(preset))
    .replace(/^\{[^}]+\}/, "https://metadata.example.com")
    .replace(/\{[^}]+\}/g, "x");
}

/** Every string anywhere in the preset, with the path it was found at. */
function allStrings(value: unknown, path = ""): { path: string; text: string }[] {
  if (typeof value === "string") return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => allStrings(item, `${path}[${index}]`));
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => allStrings(item, path ? `${path}.${key}` : key));
  return [];
}

/** Plain-words fields shown to the admin as sentences. */
function prose(preset: Preset): string[] {
  return [
    preset.description,
    preset.grantNote,
    preset.unsupported,
    ...preset.quirks,
    ...preset.unverified,
    ...preset.scopes.map((scope) => scope.meaning),
    ...preset.variables.flatMap((variable) => [variable.label, variable.help]),
    ...(preset.metadata ?? []).map((field) => field.meaning),
  ].filter((text): text is string => text !== undefined);
}

function mentions(preset: Preset, word: RegExp): boolean {
  return [preset.grantNote ?? "", ...preset.quirks, ...preset.unverified].some((text) => word.test(text));
}

describe("the catalog", () => {
  it("holds at least the 25 OAuth vendors of the research", () => {
    expect(PRESETS.length).toBeGreaterThanOrEqual(25);
  });

  it("has unique slug ids that fit the connector's preset column", () => {
    const ids = PRESETS.map((preset) => preset.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(SLUG);
      expect(id.length).toBeLessThanOrEqual(LIMITS.presetId);
    }
  });

  it("has unique names", () => {
    const names = PRESETS.map((preset) => preset.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });

  it("offers the vendors issue 11 names, spelled as the vendors spell themselves", () => {
    const names = PRESETS.map((preset) => preset.name);
    for (const name of REQUIRED_NAMES) expect(names).toContain(name);
  });

  it("is ordered by name", () => {
    const names = PRESETS.map((preset) => preset.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en")));
  });

  it("finds each preset by id, and nothing for an unknown or empty id", () => {
    for (const preset of PRESETS) expect(presetById(preset.id)).toBe(preset);
    expect(presetById("no-such-vendor")).toBeNull();
    expect(presetById("")).toBeNull();
    expect(presetById(null)).toBeNull();
    expect(presetById(undefined)).toBeNull();
  });
});

describe.each(PRESETS.map((preset) => [preset.name, preset] as const))("%s preset", (_name, preset) => {
  it("has a positive whole version, a description, docs and sources", () => {
    expect(Number.isInteger(preset.version) && preset.version >= 1).toBe(true);
    expect(preset.name.trim()).not.toBe("");
    expect(preset.name.length).toBeLessThanOrEqual(LIMITS.name);
    expect(preset.description.trim()).not.toBe("");
    expect(new URL(preset.docsUrl).protocol).toBe("https:");
    expect(preset.sources.length).toBeGreaterThan(0);
    for (const source of preset.sources) {
      expect(source.title.trim()).not.toBe("");
      expect(new URL(source.url).protocol).toBe("https:");
    }
    expect(new Set(preset.sources.map((source) => source.url)).size).toBe(preset.sources.length);
  });

  it("uses a grant and client authentication the engine supports, or says what it lacks", () => {
    if (preset.credentialType !== undefined) expect(CREDENTIAL_TYPES).toContain(preset.credentialType);
    if (isStatic(preset)) return;
    expect(preset.tokenUrl, "an OAuth 2.0 preset names its Access Token URL").toBeTruthy();
    const supported = (GRANT_TYPES as readonly string[]).includes(preset.grantType) && (CLIENT_AUTH_METHODS as readonly string[]).includes(preset.clientAuth);
    if (!supported) expect(preset.unsupported?.trim()).toBeTruthy();
    if (preset.unsupported !== undefined) expect(preset.unsupported.trim()).not.toBe("");
    expect(SCOPE_SEPARATORS).toContain(preset.scopeSeparator);
    if (preset.tokenBodyFormat !== undefined) expect(TOKEN_BODY_FORMATS).toContain(preset.tokenBodyFormat);
  });

  it("sets a grant type value only for client credentials, and says how a key or a JWT Bearer grant is set up", () => {
    if (preset.grantTypeValue !== undefined) {
      expect(preset.grantType).toBe("client_credentials");
      // The connector schema's rule; the default is left out rather than repeated.
      expect(preset.grantTypeValue).toMatch(/^[A-Za-z0-9_.:~/-]+$/);
      expect(preset.grantTypeValue).not.toBe("client_credentials");
    }
    if (preset.jwtScopeIn !== undefined) {
      expect(JWT_SCOPE_PLACEMENTS).toContain(preset.jwtScopeIn);
      expect(mentions(preset, /JWT Bearer/), "how the JWT Bearer grant is set up").toBe(true);
    }
    if (preset.grantType === "jwt_bearer") expect(mentions(preset, /JWT Issuer/), "what the JWT Issuer is").toBe(true);
    if (preset.clientAuth === "private_key_jwt") expect(mentions(preset, /JWKS URL|public key/i), "how the vendor learns the public key").toBe(true);
  });

  it("has an Auth URL when the grant is Authorization Code", () => {
    if (preset.grantType === "authorization_code" && !isStatic(preset)) expect(preset.authUrl).toBeTruthy();
  });

  it("as an API Key or Basic Auth preset: an API Base URL and no OAuth endpoints, scopes or extras", () => {
    if (!isStatic(preset)) return;
    expect(preset.apiBaseUrl, "the proxy and the token endpoint need the vendor's API").toBeTruthy();
    for (const field of URL_FIELDS) expect(preset[field], field).toBeUndefined();
    expect(preset.scopes).toEqual([]);
    expect(extraRows(preset)).toEqual([]);
    if (preset.apiKeyHeader !== undefined) expect(preset.apiKeyHeader).toMatch(HEADER_NAME);
    if (preset.headerPrefix !== undefined) expect(preset.headerPrefix.length).toBeLessThanOrEqual(LIMITS.headerPrefix);
    // Filled with its examples and a credential, the form saves as it stands.
    const values = {
      ...defaultConnectorValues(),
      ...presetFilledValues(preset, examples(preset)),
      name: preset.name,
      presetId: preset.id,
      presetVersion: preset.version,
      presetVariables: examples(preset),
    };
    const parsed = connectorSchema({ allowLoopback: false }).safeParse({ ...values, apiKey: "key", basicUsername: "user", basicPassword: "X" });
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data?.credentialType).toBe(preset.credentialType);
  });

  it("declares its variables once, in lower_snake_case, with the vendor's wording and an example", () => {
    const names = preset.variables.map((variable) => variable.name);
    expect(new Set(names).size).toBe(names.length);
    for (const variable of preset.variables) {
      expect(variable.name).toMatch(VARIABLE_NAME);
      expect(variable.label.trim()).not.toBe("");
      expect(variable.help.trim()).not.toBe("");
      expect(variable.example.trim()).toBe(variable.example);
      expect(variable.example).not.toBe("");
      expect(variable.example.length).toBeLessThanOrEqual(LIMITS.variableValue);
      expect(variable.example).not.toMatch(/[\s{}]/);
    }
  });

  it("uses only declared variables in URLs and extras (the API Base URL may also name kept metadata)", () => {
    const variables = new Set(preset.variables.map((variable) => variable.name));
    for (const field of URL_FIELDS) {
      for (const name of placeholdersIn(preset[field] ?? "")) expect(variables, `${field} uses {${name}}`).toContain(name);
    }
    for (const row of extraRows(preset)) {
      for (const name of placeholdersIn(row.value)) expect(variables, `${row.request} ${row.kind} ${row.name} uses {${name}}`).toContain(name);
    }
    const kept = new Set((preset.metadata ?? []).filter((field) => field.source === "token" || field.source === "redirect").map((field) => field.name));
    for (const name of placeholdersIn(preset.apiBaseUrl ?? "")) {
      expect(variables.has(name) || kept.has(name), `apiBaseUrl uses {${name}}`).toBe(true);
    }
  });

  it("uses every variable it declares", () => {
    const used = new Set(templatedTexts(preset).flatMap(placeholdersIn));
    for (const variable of preset.variables) expect(used, `{${variable.name}} is never used`).toContain(variable.name);
  });

  it("gives https URLs that pass the connector schema once the variables hold their examples", () => {
    for (const field of URL_FIELDS) {
      const template = preset[field];
      if (template === undefined) continue;
      const url = fillTemplate(template, examples(preset));
      expect(placeholdersIn(url), field).toEqual([]);
      expect(vendorUrlProblem(url, { allowLoopback: false }), `${field}: ${url}`).toBeNull();
      expect(new URL(url).protocol, field).toBe("https:");
    }
    if (preset.apiBaseUrl !== undefined) {
      const url = apiBaseUrlWithStandIns(preset, preset.apiBaseUrl);
      expect(vendorUrlProblem(url, { allowLoopback: false }), `apiBaseUrl: ${url}`).toBeNull();
      expect(new URL(url).protocol).toBe("https:");
    }
    for (const row of extraRows(preset)) expect(placeholdersIn(fillTemplate(row.value, examples(preset))), `${row.request} ${row.name}`).toEqual([]);
  });

  it("names an issuer only in the RFC 8414 form, and never for Microsoft's tenant-specific token service", () => {
    if (preset.issuerUrl === undefined) return;
    const issuer = new URL(fillTemplate(preset.issuerUrl, examples(preset)));
    // RFC 8414 §2: https, no query, no fragment.
    expect(issuer.protocol).toBe("https:");
    expect(issuer.search).toBe("");
    expect(issuer.hash).toBe("");
    // Microsoft's issuer holds the tenant GUID, so a domain-based value would refuse every callback (RFC 9207).
    expect(issuer.hostname).not.toBe("login.microsoftonline.com");
  });

  it("has scopes that parse with its separator, each once, each with a meaning", () => {
    expect(preset.scopes.length).toBeLessThanOrEqual(LIMITS.scopes);
    const values = preset.scopes.map((scope) => scope.value);
    expect(new Set(values).size).toBe(values.length);
    for (const scope of preset.scopes) {
      expect(scope.value).toMatch(SCOPE_TOKEN);
      expect(scope.value.length).toBeLessThanOrEqual(LIMITS.scope);
      if (preset.scopeSeparator === ",") expect(scope.value).not.toContain(",");
      expect(scope.meaning.trim()).not.toBe("");
    }
  });

  it("adds no extra that would replace a protocol parameter or header, and no header to the browser redirect", () => {
    expect(preset.extras?.auth?.headers ?? []).toEqual([]);
    for (const request of EXTRA_REQUESTS) {
      const rows = [...(preset.extras?.[request]?.headers ?? []), ...(preset.extras?.[request]?.params ?? [])];
      expect(rows.length).toBeLessThanOrEqual(LIMITS.extraRows);
    }
    for (const row of extraRows(preset)) {
      const name = row.name.trim();
      expect(name).toBe(row.name);
      expect(name).not.toBe("");
      expect(name.length).toBeLessThanOrEqual(LIMITS.extraName);
      expect(row.value.length).toBeLessThanOrEqual(LIMITS.extraValue);
      if (row.kind === "headers") {
        expect(name).toMatch(HEADER_NAME);
        expect(RESERVED_HEADERS.has(name.toLowerCase()), `header ${name}`).toBe(false);
      } else {
        expect(RESERVED_PARAMS[row.request].has(name.toLowerCase()), `${row.request} parameter ${name}`).toBe(false);
      }
    }
  });

  it("keeps metadata fields and reads the access token by dotted names", () => {
    const fields = preset.metadata ?? [];
    expect(fields.length).toBeLessThanOrEqual(LIMITS.metadataFields);
    const keys = fields.map((field) => `${field.source}:${field.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const field of fields) {
      expect(field.name).toMatch(DOTTED_NAME);
      expect(field.name.length).toBeLessThanOrEqual(LIMITS.metadataName);
      expect(field.meaning.trim()).not.toBe("");
    }
    if (preset.accessTokenPath !== undefined) expect(preset.accessTokenPath).toMatch(DOTTED_NAME);
  });

  it("gives refresh-token lifetimes in whole days within the schema's range", () => {
    for (const days of [preset.refreshTokenIdleDays, preset.refreshTokenMaxDays]) {
      if (days === undefined) continue;
      expect(Number.isInteger(days)).toBe(true);
      expect(days).toBeGreaterThanOrEqual(LIMITS.lifetimeDays.min);
      expect(days).toBeLessThanOrEqual(LIMITS.lifetimeDays.max);
    }
    if (preset.refreshTokenIdleDays !== undefined && preset.refreshTokenMaxDays !== undefined) {
      expect(preset.refreshTokenIdleDays).toBeLessThanOrEqual(preset.refreshTokenMaxDays);
    }
  });

  it("presents no research placeholder and no 'unverified' as a value", () => {
    for (const { path, text } of allStrings(preset)) {
      expect(text, path).not.toMatch(/unverified/i);
      expect(text, path).not.toMatch(ANGLE_PLACEHOLDER);
      expect(text, path).not.toMatch(CONTROL_CHARS);
    }
  });

  it("says plainly what it could not confirm", () => {
    for (const line of [...preset.quirks, ...preset.unverified]) {
      expect(line.trim()).toBe(line);
      expect(line).toMatch(/[.)]$/);
    }
    expect(preset.quirks.length).toBeGreaterThan(0);
    // A scope only third parties name must be backed by a line on what was not confirmed.
    if (preset.scopes.some((scope) => scope.unconfirmed)) expect(preset.unverified.length).toBeGreaterThan(0);
    // An empty Revocation URL or PKCE off for a browser flow is a choice the admin should see explained.
    // (A static credential has no token to revoke; its presets say how to end access at the vendor.)
    if (preset.revocationUrl === undefined) expect(mentions(preset, /revo/i), "why Revocation URL is empty").toBe(true);
    if (preset.grantType === "authorization_code" && !preset.usePkce) expect(mentions(preset, /PKCE/), "why PKCE is off").toBe(true);
  });

  it("writes its prose in plain words, without markdown", () => {
    for (const text of prose(preset)) {
      expect(text.trim(), text).not.toBe("");
      expect(text, text).not.toMatch(/`|\*\*|\]\(|^#/);
    }
  });
});
