/**
 * Generated connector-form submissions, in the form's shape (lib/connectors/schema.ts
 * defaultConnectorValues) with every field sometimes valid, sometimes hostile (loopback and
 * metadata addresses, credentials or a fragment in URLs, control characters, reserved headers and
 * parameters, oversized text, wrong types, missing fields, unknown fields), and the check that a
 * stored connector is one the shared schema accepts.
 */
import fc from "fast-check";
import { connectorSchema, defaultConnectorValues, type ConnectorFormValues } from "../../../lib/connectors/schema";

const text = (max: number) =>
  fc.oneof(fc.string({ maxLength: max }), fc.string({ unit: "grapheme", maxLength: max }), fc.string({ unit: "binary", maxLength: 8 }));
const huge = fc.integer({ min: 100, max: 6000 }).map((n) => "x".repeat(n));
const wrongType = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }),
);

const goodUrl = fc.webUrl({ validSchemes: ["https"], withQueryParameters: true }).filter((u) => u.length < 300);
const hostileUrl = fc.constantFrom(
  "http://vendor.example.com/token",
  "https://127.0.0.1/token",
  "https://localhost/token",
  "https://[::1]/token",
  "https://10.0.0.7/token",
  "https://169.254.169.254/latest/meta-data/",
  "https://168.63.129.16/machine",
  "https://0x7f000001/",
  "https://user:pass@vendor.example.com/token",
  "https://vendor.example.com/token#fragment",
  "javascript:alert(1)",
  "data:text/html,<script>",
  "file:///etc/passwd",
  "not a url",
  "//vendor.example.com/token",
  " https://vendor.example.com/token ",
  "https://vendor.example.com/\u0000token",
  "https://vendor.example.com/token\r\nX-Injected: 1",
  `https://vendor.example.com/${"a".repeat(2100)}`,
);
const url = fc.oneof({ weight: 3, arbitrary: hostileUrl }, { weight: 1, arbitrary: fc.constant("") }, { weight: 1, arbitrary: text(40) });

const headerName = fc.oneof(
  fc.constantFrom(
    "X-Api-Version",
    "X-Tenant",
    "Accept-Language",
    "Authorization",
    "authorization",
    "Content-Type",
    "Host",
    "Cookie",
    "Content-Length",
    "X Bad",
    "X-Bad\r\nInjected",
    "",
  ),
  text(20),
);
const paramName = fc.oneof(
  fc.constantFrom(
    "audience",
    "resource",
    "client_secret",
    "grant_type",
    "refresh_token",
    "code",
    "redirect_uri",
    "state",
    "scope",
    "client_id",
    "code_verifier",
    "",
  ),
  text(20),
);
const rows = (name: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.array(fc.record({ name, value: fc.oneof(text(30), fc.constant("line\nbreak")) }), { minLength: 1, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.array(fc.record({ name: fc.constant("X-Row"), value: fc.constant("v") }), { minLength: 21, maxLength: 22 }) },
    { weight: 1, arbitrary: wrongType },
  );
const extras = fc.record({
  auth: fc.record({ headers: rows(headerName), params: rows(paramName) }),
  token: fc.record({ headers: rows(headerName), params: rows(paramName) }),
  refresh: fc.record({ headers: rows(headerName), params: rows(paramName) }),
});

const scopeToken = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789:._-/"), minLength: 1, maxLength: 20 });
const hostileScope = fc.oneof(fc.constantFrom("a,b", "has space", 'quo"te', "back\\slash", "", "x".repeat(201)), text(12));
const days = fc.constantFrom(null, "", "30", "90", 14, 3650);
const hostileDays = fc.oneof(fc.constantFrom("0", "3651", "-1", "1.5", "1e3", " 7 ", 0, 99999), text(6));
const goodRows = (name: fc.Arbitrary<string>) => fc.array(fc.record({ name, value: fc.string({ maxLength: 30 }) }), { maxLength: 3 });
const goodExtras = fc.record({
  auth: fc.record({ headers: fc.constant([]), params: goodRows(fc.constantFrom("prompt", "access_type", "audience")) }),
  token: fc.record({ headers: goodRows(fc.constantFrom("X-Api-Version", "X-Tenant")), params: goodRows(fc.constantFrom("audience", "resource")) }),
  refresh: fc.record({ headers: goodRows(fc.constantFrom("X-Refresh-Reason")), params: goodRows(fc.constantFrom("resource")) }),
});

/** Mostly a valid value, sometimes a hostile one: about a third of the submissions are valid throughout. */
const field = <T, U>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<U>) => fc.oneof({ weight: 19, arbitrary: valid }, { weight: 1, arbitrary: hostile });

/** Values for every field of the form. */
const fields = {
  name: field(
    fc.string({ minLength: 1, maxLength: 40 }).map((s) => `Fuzz ${s}`),
    fc.oneof(text(120), huge),
  ),
  authPlacement: field(fc.constantFrom("header", "query"), text(8)),
  headerPrefix: field(fc.constantFrom("Bearer", "Token", "", "Bot"), text(60)),
  queryParamName: field(fc.constantFrom("access_token", "api_token", "key"), fc.oneof(fc.constantFrom("", "a b", "tok&x=1"), text(20))),
  grantType: field(fc.constantFrom("authorization_code", "client_credentials"), text(8)),
  authUrl: field(goodUrl, url),
  tokenUrl: field(goodUrl, url),
  refreshUrl: field(fc.oneof(goodUrl, fc.constant("")), url),
  revocationUrl: field(fc.oneof(goodUrl, fc.constant("")), url),
  apiBaseUrl: field(fc.oneof(goodUrl, fc.constant("")), url),
  allowEncodedSlash: field(fc.boolean(), wrongType),
  clientId: field(
    fc.string({ minLength: 1, maxLength: 30 }).map((s) => `id-${s}`),
    fc.oneof(text(30), huge),
  ),
  clientSecret: field(fc.string({ minLength: 8, maxLength: 40 }), fc.oneof(fc.constant(""), text(20), huge)),
  scopes: field(
    fc.uniqueArray(scopeToken, { maxLength: 4 }),
    fc.oneof(fc.array(hostileScope, { maxLength: 3 }), fc.array(fc.constant("s"), { minLength: 51, maxLength: 52 }), wrongType),
  ),
  scopeSeparator: field(fc.constantFrom(" ", ","), text(3)),
  clientAuth: field(fc.constantFrom("basic", "body"), text(8)),
  usePkce: field(fc.boolean(), wrongType),
  refreshIncludesScope: field(fc.boolean(), wrongType),
  tokenBodyFormat: field(fc.constantFrom("form", "json"), text(8)),
  extras: field(goodExtras, fc.oneof(extras, wrongType)),
  refreshTokenIdleDays: field(days, hostileDays),
  refreshTokenMaxDays: field(days, hostileDays),
};
type FieldName = keyof typeof fields;

/** Present in about one submission in twelve. */
const rarely = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ weight: 11, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });

/**
 * A submission: the defaults, a random subset of fields replaced by generated values, sometimes a
 * field removed, a field given a value of any JSON type, or unknown fields added.
 */
export const submissionArb: fc.Arbitrary<Record<string, unknown>> = fc
  .record(fields, { requiredKeys: [] })
  .chain((overrides) =>
    fc.record({
      overrides: fc.constant(overrides),
      drop: rarely(fc.constantFrom(...(Object.keys(fields) as FieldName[]))),
      wild: rarely(fc.tuple(fc.constantFrom(...(Object.keys(fields) as FieldName[])), fc.jsonValue({ maxDepth: 2 }))),
      unknown: rarely(
        fc.dictionary(
          fc.constantFrom("id", "clientSecretEnc", "__proto__", "constructor", "state", "configVersion", "createdAt"),
          fc.jsonValue({ maxDepth: 1 }),
          { minKeys: 1, maxKeys: 2 },
        ),
      ),
    }),
  )
  .map(({ overrides, drop, wild, unknown }) => {
    const values: Record<string, unknown> = {
      ...defaultConnectorValues(),
      name: "Fuzz connector",
      tokenUrl: "https://vendor.example.com/token",
      authUrl: "https://vendor.example.com/authorize",
      clientId: "client",
      ...overrides,
    };
    if (wild) values[wild[0]] = wild[1];
    if (drop) delete values[drop];
    if (unknown)
      for (const [key, value] of Object.entries(unknown)) Object.defineProperty(values, key, { value, enumerable: true, configurable: true, writable: true });
    return values;
  });

/** The form's top-level fields: a refusal "names a field" when a field error's path starts with one. */
export const FORM_FIELDS: ReadonlySet<string> = new Set(Object.keys(defaultConnectorValues()));

export function namesAField(fieldErrors: Record<string, string[]> | undefined): boolean {
  return Object.keys(fieldErrors ?? {}).some(
    (key) => FORM_FIELDS.has(key.split(".")[0]!) || (key.startsWith("values.") && FORM_FIELDS.has(key.split(".")[1]!)),
  );
}

/** Why a stored connector (as form values, read without coercion) is not one the schema accepts as it stands, or null. */
export function invalidRecord(values: ConnectorFormValues, allowLoopback: boolean): string | null {
  const parsed = connectorSchema({ allowLoopback }).safeParse(values);
  if (!parsed.success) return `refused by the schema: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`;
  // A stored record is already normalised: parsing it again changes nothing.
  const again = withoutSecret(parsed.data as Record<string, unknown>);
  const stored = withoutSecret(values as Record<string, unknown>);
  const differing = Object.keys({ ...again, ...stored }).filter((key) => canonical(again[key]) !== canonical(stored[key]));
  if (differing.length) return `stored values are not what the schema makes of them: ${differing.join(", ")}`;
  return null;
}

/** The secret is write-only: never read back, so not compared. */
function withoutSecret(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => key !== "clientSecret"));
}

/** JSON with object keys sorted at every depth, to compare values. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "undefined";
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  return `{${Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
    .join(",")}}`;
}
