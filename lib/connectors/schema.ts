/**
 * The connector form's one schema, used by the client form (zodResolver) and by the server
 * actions alike. URL rules depend on LATCHKEY_DEV_ALLOW_LOOPBACK, so the schema is built by
 * `connectorSchema({ allowLoopback })`; the page passes that flag (not a secret) to the form.
 *
 * SECURITY 12 (https only), 15 (extra headers/params validated, protocol parameters reserved).
 */
import { z } from "zod";
import { URL_MAX_LENGTH, vendorUrlProblem, type UrlRules } from "../http/url-policy";
import { RESERVED_AUTH_PARAMS, RESERVED_HEADERS, RESERVED_TOKEN_PARAMS } from "../oauth/request-extras";
import { presetById } from "../catalog";
import { placeholdersIn } from "../catalog/template";

export const CREDENTIAL_TYPES = ["oauth2", "api_key", "basic"] as const;
export const GRANT_TYPES = ["authorization_code", "client_credentials", "jwt_bearer"] as const;
export const AUTH_PLACEMENTS = ["header", "query"] as const;
export const CLIENT_AUTH_METHODS = ["basic", "body", "private_key_jwt"] as const;
export const SIGNING_ALGORITHMS = ["RS256", "ES256", "PS256"] as const;
export const JWT_SCOPE_PLACEMENTS = ["param", "claim"] as const;
export type CredentialType = (typeof CREDENTIAL_TYPES)[number];
export const TOKEN_BODY_FORMATS = ["form", "json"] as const;
export const SCOPE_SEPARATORS = [" ", ","] as const;
export const EXTRA_REQUESTS = ["auth", "token", "refresh"] as const;
export const METADATA_SOURCES = ["token", "redirect"] as const;
/** The URL fields a preset fills and that may not keep a `{variable}` placeholder. */
export const TEMPLATED_URL_FIELDS = ["issuerUrl", "authUrl", "tokenUrl", "refreshUrl", "revocationUrl"] as const;
export type GrantType = (typeof GRANT_TYPES)[number];
export type ExtraRequest = (typeof EXTRA_REQUESTS)[number];

export const LIMITS = {
  name: 100,
  url: URL_MAX_LENGTH,
  clientId: 512,
  clientSecret: 4096,
  privateKey: 16384,
  keyId: 200,
  jwtClaim: 512,
  staticSecret: 4096,
  scope: 200,
  scopes: 50,
  headerPrefix: 50,
  extraName: 100,
  extraValue: 4096,
  extraRows: 20,
  presetId: 64,
  variableValue: 253,
  metadataFields: 20,
  metadataName: 100,
  lifetimeDays: { min: 1, max: 3650 },
} as const;

/**
 * Headers and parameters the flows set themselves (SECURITY 15). One list, owned by the protocol
 * layer, which also refuses them when requests are built; the form refuses them up front.
 */
export const FORBIDDEN_HEADERS = RESERVED_HEADERS;
export const RESERVED_PARAMS: Record<ExtraRequest, ReadonlySet<string>> = {
  auth: RESERVED_AUTH_PARAMS,
  token: RESERVED_TOKEN_PARAMS,
  refresh: RESERVED_TOKEN_PARAMS,
};

/** A template variable's value goes inside a host name or path: no separators, no spaces. */
const VARIABLE_VALUE = /^[A-Za-z0-9._-]+$/;
/** A metadata field name, dotted for nested token-response fields. */
const METADATA_NAME = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/** Either PEM text or a JWK object: the key itself is parsed when it is first used, with a clear error then. */
function privateKeyShape(value: string): true | string {
  if (value === "") return true;
  if (/^-----BEGIN (RSA |EC )?PRIVATE KEY-----/.test(value)) return true;
  if (value.startsWith("{")) {
    try {
      const jwk = JSON.parse(value) as Record<string, unknown>;
      if (typeof jwk.kty === "string" && typeof jwk.d === "string") return true;
    } catch {
      // fall through to the message
    }
  }
  return "Paste a private key in PEM (-----BEGIN PRIVATE KEY-----) or as a private JWK";
}

/** RFC 7230 §3.2.6 token. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
/** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

const noControlChars = (what: string) => (value: string) => !CONTROL_CHARS.test(value) || `${what} must not contain line breaks or control characters`;

/** Adds a check that returns true or an error message; keeps the schema's input and output types. */
function refine<S extends z.ZodType>(schema: S, check: (value: z.output<S>) => true | string): S {
  return schema.superRefine((value, ctx) => {
    const result = check(value);
    if (result !== true) ctx.addIssue({ code: "custom", message: result });
  }) as S;
}

function urlField(rules: UrlRules) {
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      // A preset placeholder not filled yet: refused by the object rule below, which names the variable.
      if (value === "" || placeholdersIn(value).length > 0) return;
      const problem = vendorUrlProblem(value, rules);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

function keyValueRows(request: ExtraRequest, kind: "header" | "param") {
  const row = z.object({
    name: refine(z.string().trim().min(1, "Enter a name").max(LIMITS.extraName, `At most ${LIMITS.extraName} characters`), (name) => {
      const control = noControlChars("The name")(name);
      if (control !== true) return control;
      if (kind === "header") {
        if (!HEADER_NAME.test(name)) return "Header names may use letters, digits and !#$%&'*+-.^_`|~ only";
        if (FORBIDDEN_HEADERS.has(name.toLowerCase())) return `Latchkey sets the ${name} header itself; it cannot be added`;
      } else if (RESERVED_PARAMS[request].has(name.toLowerCase())) {
        return `Latchkey sets the ${name} parameter itself; it cannot be added`;
      }
      return true;
    }),
    value: refine(z.string().max(LIMITS.extraValue, `At most ${LIMITS.extraValue} characters`), noControlChars("The value")),
    /** Sealed like the client secret and write-only: an empty value on edit keeps the stored one (SECURITY 42). */
    secret: z.boolean().default(false),
  });
  return z.array(row).max(LIMITS.extraRows, `At most ${LIMITS.extraRows} rows`);
}

function extrasFor(request: ExtraRequest) {
  // The authorization request is a browser redirect (RFC 6749 §4.1.1): it cannot carry headers,
  // and its parameters are in the browser's address bar, so none of them can be secret.
  const headers =
    request === "auth"
      ? keyValueRows(request, "header").max(0, "The authorization request is a browser redirect; it cannot carry extra headers")
      : keyValueRows(request, "header");
  const params =
    request === "auth"
      ? refine(
          keyValueRows(request, "param"),
          (rows) => !rows.some((row) => row.secret) || "Auth request parameters travel in the browser's address bar: they cannot be secret",
        )
      : keyValueRows(request, "param");
  return z.object({ headers, params });
}

const LIFETIME_DAYS_MESSAGE = `Enter a whole number of days from ${LIMITS.lifetimeDays.min} to ${LIMITS.lifetimeDays.max}, or leave it empty`;

/**
 * A refresh-token lifetime the vendor documents, in whole days; empty (or absent) means unknown.
 * The form sends the text input's string, the server receives the number the client already
 * parsed: both are accepted, so parsing twice gives the same result.
 */
function lifetimeDaysField() {
  return z
    .union([z.string(), z.number(), z.null()], { error: LIFETIME_DAYS_MESSAGE })
    .optional()
    .transform((value, ctx): number | null => {
      const text = value == null ? "" : String(value).trim();
      if (text === "") return null;
      const days = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
      if (!(days >= LIMITS.lifetimeDays.min && days <= LIMITS.lifetimeDays.max)) {
        ctx.addIssue({ code: "custom", message: LIFETIME_DAYS_MESSAGE });
        return z.NEVER;
      }
      return days;
    });
}

export const emptyExtras = () => ({
  auth: { headers: [], params: [] },
  token: { headers: [], params: [] },
  refresh: { headers: [], params: [] },
});

export function connectorSchema(rules: UrlRules) {
  return z
    .object({
      name: refine(z.string().trim().min(1, "Enter a name").max(LIMITS.name, `At most ${LIMITS.name} characters`), noControlChars("The name")),
      /** OAuth 2.0 (every field below), or a static API Key / Basic Auth credential with no token endpoint. */
      credentialType: z.enum(CREDENTIAL_TYPES).default("oauth2"),
      authPlacement: z.enum(AUTH_PLACEMENTS),
      headerPrefix: refine(z.string().trim().max(LIMITS.headerPrefix, `At most ${LIMITS.headerPrefix} characters`), noControlChars("The prefix")),
      queryParamName: z
        .string()
        .trim()
        .max(LIMITS.extraName)
        .regex(/^[A-Za-z0-9._~-]*$/, "Use letters, digits, . _ ~ or - only"),
      grantType: z.enum(GRANT_TYPES),
      authUrl: urlField(rules),
      /** Required for OAuth 2.0 (checked below); unused by static credentials. */
      tokenUrl: urlField(rules),
      refreshUrl: urlField(rules),
      revocationUrl: urlField(rules),
      /** May start with `{field}` naming a kept metadata field (`{instance_url}/services/data/v61.0`): checked again once filled, at request time. */
      apiBaseUrl: z.string().trim().max(LIMITS.url, `At most ${LIMITS.url} characters`),
      /** Proxy paths may hold %2F inside a segment (lib/proxy/target.ts); the escape checks still apply. */
      allowEncodedSlash: z.boolean().default(false),
      /** Required for OAuth 2.0 except JWT Bearer (checked below). */
      clientId: refine(z.string().trim().max(LIMITS.clientId, `At most ${LIMITS.clientId} characters`), noControlChars("The Client ID")),
      /** Write-only. Empty on edit keeps the stored secret. */
      clientSecret: refine(z.string().max(LIMITS.clientSecret, `At most ${LIMITS.clientSecret} characters`), noControlChars("The Client Secret")),
      scopes: z
        .array(
          z
            .string()
            .trim()
            .min(1)
            .max(LIMITS.scope, `At most ${LIMITS.scope} characters`)
            .regex(SCOPE_TOKEN, "A scope value cannot contain spaces, quotes or backslashes"),
        )
        .max(LIMITS.scopes, `At most ${LIMITS.scopes} scope values`),
      scopeSeparator: z.enum(SCOPE_SEPARATORS),
      clientAuth: z.enum(CLIENT_AUTH_METHODS),
      usePkce: z.boolean(),
      /** Write-only, sealed: PEM (PKCS#8) or a private JWK, for Signed JWT client authentication and the JWT Bearer grant. Empty on edit keeps the stored key. */
      privateKey: refine(z.string().trim().max(LIMITS.privateKey, `At most ${LIMITS.privateKey} characters`), privateKeyShape).default(""),
      keyId: refine(z.string().trim().max(LIMITS.keyId, `At most ${LIMITS.keyId} characters`), noControlChars("The Key ID")).default(""),
      signingAlg: z.enum(SIGNING_ALGORITHMS).default("RS256"),
      /** JWT Bearer (RFC 7523 §3): iss, sub (optional: the user to act as), aud (empty: the Access Token URL). */
      jwtIssuer: refine(z.string().trim().max(LIMITS.jwtClaim, `At most ${LIMITS.jwtClaim} characters`), noControlChars("The JWT Issuer")).default(""),
      jwtSubject: refine(z.string().trim().max(LIMITS.jwtClaim, `At most ${LIMITS.jwtClaim} characters`), noControlChars("The JWT Subject")).default(""),
      jwtAudience: refine(z.string().trim().max(LIMITS.jwtClaim, `At most ${LIMITS.jwtClaim} characters`), noControlChars("The JWT Audience")).default(""),
      jwtScopeIn: z.enum(JWT_SCOPE_PLACEMENTS).default("param"),
      /** The client-credentials grant's grant_type: a vendor's own value (Zoom account_credentials) or the standard one. */
      grantTypeValue: z
        .string()
        .trim()
        .max(200)
        .regex(/^[A-Za-z0-9_.:~\/-]+$/, "Use letters, digits and _ . : ~ / - only, like account_credentials")
        .default("client_credentials"),
      /** Static credentials, write-only and sealed; empty on edit keeps the stored value. */
      apiKey: refine(z.string().max(LIMITS.staticSecret, `At most ${LIMITS.staticSecret} characters`), noControlChars("The API key")).default(""),
      /** The header an API key goes in (with the Header Prefix before it). */
      apiKeyHeader: refine(
        z.string().trim().max(LIMITS.extraName).regex(HEADER_NAME, "Header names may use letters, digits and !#$%&'*+-.^_`|~ only"),
        // Framing and hop-by-hop headers would break the proxied request; Authorization is the usual home of a key.
        (name) => name.toLowerCase() === "authorization" || !FORBIDDEN_HEADERS.has(name.toLowerCase()) || `The ${name} header cannot carry an API key`,
      ).default("Authorization"),
      basicUsername: refine(
        z.string().max(LIMITS.staticSecret, `At most ${LIMITS.staticSecret} characters`),
        (value) => (!value.includes(":") && !CONTROL_CHARS.test(value)) || "The user name cannot contain a colon or control characters",
      ).default(""),
      basicPassword: refine(z.string().max(LIMITS.staticSecret, `At most ${LIMITS.staticSecret} characters`), noControlChars("The password")).default(""),
      refreshIncludesScope: z.boolean(),
      tokenBodyFormat: z.enum(TOKEN_BODY_FORMATS),
      extras: z.object({ auth: extrasFor("auth"), token: extrasFor("token"), refresh: extrasFor("refresh") }),
      /** The catalog preset this connector started from ("" for the generic form) and its version then. */
      presetId: z
        .string()
        .max(LIMITS.presetId)
        .regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/, "Unknown vendor preset")
        .default(""),
      presetVersion: z.number().int().min(1).max(1_000_000).nullable().default(null),
      /** The preset's template variables as the admin filled them (Tenant, Okta domain, …). Not secret. */
      presetVariables: z
        .record(
          z.string().regex(/^[a-z][a-z0-9_]{0,49}$/),
          refine(
            z.string().trim().max(LIMITS.variableValue, `At most ${LIMITS.variableValue} characters`),
            (value) => value === "" || VARIABLE_VALUE.test(value) || "Use letters, digits, dots, hyphens and underscores only",
          ),
        )
        .default({}),
      /** OAuth issuer (RFC 8414 §2): discovery starts here, and the redirect's `iss` must equal it (RFC 9207). */
      issuerUrl: urlField(rules).default(""),
      /** The vendor always sends `iss` on the redirect (metadata `authorization_response_iss_parameter_supported`): its absence is refused. */
      requireIss: z.boolean().default(false),
      /** Dotted path to the object holding access_token in the token response, e.g. "authed_user" (Slack user token). Empty: top level. */
      accessTokenPath: z
        .string()
        .trim()
        .max(LIMITS.metadataName)
        .regex(/^([A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*)?$/, "Use field names separated by dots, like authed_user")
        .default(""),
      /** Token-response fields and redirect parameters the sync job needs (instance_url, realmId): kept and returned as `metadata`. */
      metadataFields: z
        .array(
          z.object({
            source: z.enum(METADATA_SOURCES),
            name: z
              .string()
              .trim()
              .min(1, "Enter a name")
              .max(LIMITS.metadataName)
              .regex(METADATA_NAME, "Use field names separated by dots, like instance_url or team.id"),
            sensitive: z.boolean().default(false),
          }),
        )
        .max(LIMITS.metadataFields, `At most ${LIMITS.metadataFields} fields`)
        .default([]),
      /** Unused this long, the vendor expires the refresh token (lib/tokens/token-store.ts keepAliveAt renews at half). */
      refreshTokenIdleDays: lifetimeDaysField(),
      /** This long after an authorization, the refresh token expires whatever happens (re-authorization due). */
      refreshTokenMaxDays: lifetimeDaysField(),
    })
    .superRefine((value, ctx) => {
      credentialRules(value, ctx);
      if (value.credentialType === "oauth2" && value.grantType === "authorization_code" && value.authUrl === "") {
        ctx.addIssue({ code: "custom", path: ["authUrl"], message: "Authorization Code needs the vendor's Auth URL" });
      }
      if (value.authPlacement === "query" && value.queryParamName === "") {
        ctx.addIssue({ code: "custom", path: ["queryParamName"], message: "Enter the query parameter name" });
      }
      if (value.scopeSeparator === "," && value.scopes.some((s) => s.includes(","))) {
        ctx.addIssue({ code: "custom", path: ["scopes"], message: "With the comma separator, a scope value cannot contain a comma" });
      }
      unfilledPlaceholders(value, ctx);
      apiBaseUrlProblems(value, rules, ctx);
      metadataProblems(value, ctx);
      const seen = new Set<string>();
      value.scopes.forEach((scope) => {
        if (seen.has(scope)) ctx.addIssue({ code: "custom", path: ["scopes"], message: `"${scope}" is listed twice` });
        seen.add(scope);
      });
    });
}

type CredentialChecked = {
  credentialType: CredentialType;
  grantType: GrantType;
  clientAuth: string;
  tokenUrl: string;
  clientId: string;
  jwtIssuer: string;
  authPlacement: string;
};

/**
 * What each credential type needs. Secrets (client secret, private key, API key, password) are
 * write-only: whether one is stored is known only to the service, which checks them there.
 */
function credentialRules(value: CredentialChecked, ctx: z.RefinementCtx): void {
  if (value.credentialType !== "oauth2") return;
  if (value.tokenUrl === "") ctx.addIssue({ code: "custom", path: ["tokenUrl"], message: "Enter the Access Token URL" });
  if (value.clientId === "" && value.grantType !== "jwt_bearer") ctx.addIssue({ code: "custom", path: ["clientId"], message: "Enter the Client ID" });
  if (value.grantType === "jwt_bearer" && value.jwtIssuer === "")
    ctx.addIssue({ code: "custom", path: ["jwtIssuer"], message: "Enter the JWT Issuer: the service account that signs the assertion" });
}

type Checked = {
  presetId: string;
  presetVariables: Record<string, string>;
  apiBaseUrl: string;
  metadataFields: { source: string; name: string }[];
  extras: Record<ExtraRequest, { headers: { name: string; value: string }[]; params: { name: string; value: string }[] }>;
} & Record<(typeof TEMPLATED_URL_FIELDS)[number], string>;

const URL_LABELS: Record<(typeof TEMPLATED_URL_FIELDS)[number], string> = {
  issuerUrl: "Issuer URL",
  authUrl: "Auth URL",
  tokenUrl: "Access Token URL",
  refreshUrl: "Refresh Token URL",
  revocationUrl: "Revocation URL",
};

/** "the Tenant ({tenant})" when the preset names the variable, else "{tenant}". */
function variableWording(presetId: string, name: string): string {
  const variable = presetById(presetId)?.variables.find((v) => v.name === name);
  return variable ? `the ${variable.label} ({${name}})` : `{${name}}`;
}

/** A URL or extra value still holding a preset's `{variable}` would reach the vendor literally. */
function unfilledPlaceholders(value: Checked, ctx: z.RefinementCtx): void {
  const preset = presetById(value.presetId);
  const variables = new Set(preset?.variables.map((v) => v.name) ?? []);
  const unfilled = new Set<string>();
  for (const field of TEMPLATED_URL_FIELDS) {
    const placeholders = placeholdersIn(value[field]);
    placeholders.forEach((name) => unfilled.add(name));
    const [first] = placeholders;
    if (first)
      ctx.addIssue({
        code: "custom",
        path: [field],
        message: `Enter ${variableWording(value.presetId, first)}: the ${URL_LABELS[field]} still contains {${first}}`,
      });
  }
  for (const request of EXTRA_REQUESTS) {
    for (const list of ["headers", "params"] as const) {
      value.extras[request][list].forEach((row, index) => {
        const placeholders = placeholdersIn(row.value).filter((name) => variables.has(name));
        placeholders.forEach((name) => unfilled.add(name));
        const [first] = placeholders;
        if (first)
          ctx.addIssue({
            code: "custom",
            path: ["extras", request, list, index, "value"],
            message: `Enter ${variableWording(value.presetId, first)}: this value still contains {${first}}`,
          });
      });
    }
  }
  // The variable's own field says it too: that is where the admin types it.
  for (const variable of preset?.variables ?? []) {
    if (unfilled.has(variable.name) && !value.presetVariables[variable.name]) {
      ctx.addIssue({ code: "custom", path: ["presetVariables", variable.name], message: `Enter the ${variable.label}` });
    }
  }
}

/**
 * The API Base URL is a URL, or a template whose placeholders name kept metadata fields
 * (Salesforce's per-org `instance_url`). A template is checked with a stand-in origin here and
 * checked for real once filled, when a request is proxied (lib/proxy/api-base-url.ts).
 */
function apiBaseUrlProblems(value: Checked, rules: UrlRules, ctx: z.RefinementCtx): void {
  if (value.apiBaseUrl === "") return;
  const kept = new Set(value.metadataFields.map((field) => field.name));
  const placeholders = placeholdersIn(value.apiBaseUrl);
  const unknown = placeholders.find((name) => !kept.has(name));
  if (unknown) {
    const message = presetById(value.presetId)?.variables.some((v) => v.name === unknown)
      ? `Enter ${variableWording(value.presetId, unknown)}: the API Base URL still contains {${unknown}}`
      : `{${unknown}} is not a kept connection metadata field: add it under Connection metadata, or write the URL in full`;
    ctx.addIssue({ code: "custom", path: ["apiBaseUrl"], message });
    return;
  }
  const standIn = value.apiBaseUrl.replace(/^\{[^}]+\}/, "https://metadata.example.com").replace(/\{[^}]+\}/g, "x");
  const problem = vendorUrlProblem(standIn, rules);
  if (problem) ctx.addIssue({ code: "custom", path: ["apiBaseUrl"], message: problem });
}

function metadataProblems(value: Checked, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  value.metadataFields.forEach((field, index) => {
    const key = `${field.source}:${field.name}`;
    if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["metadataFields", index, "name"], message: `${field.name} is listed twice` });
    seen.add(key);
  });
}

export type ConnectorInput = z.output<ReturnType<typeof connectorSchema>>;
export type ConnectorFormValues = z.input<ReturnType<typeof connectorSchema>>;

export { connectorIdSchema } from "./connector-id";

export function defaultConnectorValues(): ConnectorFormValues {
  return {
    name: "",
    authPlacement: "header",
    headerPrefix: "Bearer",
    queryParamName: "access_token",
    grantType: "authorization_code",
    authUrl: "",
    tokenUrl: "",
    refreshUrl: "",
    revocationUrl: "",
    apiBaseUrl: "",
    allowEncodedSlash: false,
    clientId: "",
    clientSecret: "",
    scopes: [],
    scopeSeparator: " ",
    clientAuth: "basic",
    usePkce: true,
    refreshIncludesScope: false,
    tokenBodyFormat: "form",
    extras: emptyExtras(),
    refreshTokenIdleDays: null,
    refreshTokenMaxDays: null,
    credentialType: "oauth2",
    privateKey: "",
    keyId: "",
    signingAlg: "RS256",
    jwtIssuer: "",
    jwtSubject: "",
    jwtAudience: "",
    jwtScopeIn: "param",
    grantTypeValue: "client_credentials",
    apiKey: "",
    apiKeyHeader: "Authorization",
    basicUsername: "",
    basicPassword: "",
    presetId: "",
    presetVersion: null,
    presetVariables: {},
    issuerUrl: "",
    requireIss: false,
    accessTokenPath: "",
    metadataFields: [],
  };
}
