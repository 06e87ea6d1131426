/**
 * The OpenAPI 3.1 description of the machine API (`/api/v1`), served at `/api/v1/openapi.json`
 * and shown on the console's API page. Built from the same error table the handlers use, so the
 * documented codes cannot drift from the real ones.
 */
import { API_ERRORS, type ApiErrorCode } from "../machine-api/api-error";
import { PROXY_METHODS } from "../proxy/forward";
import { MAX_MIN_TTL_SECONDS } from "../proxy/token-query";
import { FORCED_RENEWAL_INTERVAL_MS } from "../tokens/freshness";

type Json = Record<string, unknown>;

const errorRef = { $ref: "#/components/schemas/Error" };

function errors(...codes: ApiErrorCode[]): Record<string, Json> {
  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const code of codes) byStatus.set(API_ERRORS[code], [...(byStatus.get(API_ERRORS[code]) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      String(status),
      {
        description: `Error: ${list.join(", ")}`,
        ...(status === 401
          ? {
              headers: {
                "WWW-Authenticate": { schema: { type: "string" }, description: 'Bearer realm="latchkey" (with error="invalid_token" when a key was sent)' },
              },
            }
          : {}),
        content: { "application/json": { schema: errorRef } },
      },
    ]),
  );
}

const idParameter = {
  name: "id",
  in: "path",
  required: true,
  description: "The connector's id (shown on its page in the console).",
  schema: { type: "string" },
};

const noStore = { "Cache-Control": { schema: { type: "string", const: "no-store" } } };

const minTtlParameter = {
  name: "min_ttl",
  in: "query",
  required: false,
  description: `Seconds the token must still be valid. When it expires sooner, it is renewed first; if that renewal fails while the stored token is still valid, you get the stored token (check \`expires_in\`). Has no effect on a token without a known expiry. A whole number from 0 to ${MAX_MIN_TTL_SECONDS}; anything else is refused with 400 \`invalid_parameter\`.`,
  schema: { type: "integer", minimum: 0, maximum: MAX_MIN_TTL_SECONDS },
  example: 600,
};

const tokenOperation: Json = {
  operationId: "getConnectorToken",
  summary: "The connector's current access token",
  description:
    "Returns a valid access token for the connector, renewing it first (one refresh for all concurrent callers, across instances) when it has expired, is inside the renewal lead time, or expires within `min_ttl` seconds. Never returns the refresh token or the client secret. Apply the token as `apply` says. `metadata` holds the connection metadata fields the connector is set to keep (for example Salesforce's `instance_url`, QuickBooks' `realmId`), as the vendor sent them with the token or on the redirect. An API Key or Basic Auth connector (`credential_type` `api_key` or `basic`) answers the same way: `access_token` is the API key, or base64 of user name:password for Basic Auth, with no expiry, and `apply` says which header (with which prefix) or query parameter it goes in. Sent with `Cache-Control: no-store`.",
  tags: ["Tokens"],
  parameters: [idParameter, minTtlParameter],
  responses: {
    "200": { description: "A usable access token", headers: noStore, content: { "application/json": { schema: { $ref: "#/components/schemas/Token" } } } },
    ...errors(
      "invalid_parameter",
      "invalid_api_key",
      "key_lacks_access",
      "unknown_connector",
      "method_not_allowed",
      "not_authorized",
      "needs_reauthorization",
      "check_client_credentials",
      "disconnected",
      "upstream_refused",
      "internal_error",
    ),
  },
};

const refreshOperation: Json = {
  operationId: "refreshConnectorToken",
  summary: "Renew the connector's access token now",
  description: `For a worker whose token the vendor just refused with 401, typically a token without a known expiry. Renews the token and returns it like \`GET …/token\`, plus \`refreshed\`. At most one vendor call per ${FORCED_RENEWAL_INTERVAL_MS / 1000} s per connector, whatever the callers do: concurrent requests (on any instance) share one renewal, and a request within ${FORCED_RENEWAL_INTERVAL_MS / 1000} s of the last vendor call gets that call's result with \`refreshed: false\`, or its error. For an API Key or Basic Auth connector nothing is renewed: you get the stored credential again (an admin must enter a new one in the console). If the token you hold still fails after that, wait ${FORCED_RENEWAL_INTERVAL_MS / 1000} s before asking again. No request body. Sent with \`Cache-Control: no-store\`.`,
  tags: ["Tokens"],
  parameters: [idParameter],
  responses: {
    "200": {
      description: "The renewed (or just renewed) access token",
      headers: noStore,
      content: { "application/json": { schema: { $ref: "#/components/schemas/RefreshedToken" } } },
    },
    ...errors(
      "invalid_api_key",
      "key_lacks_access",
      "unknown_connector",
      "method_not_allowed",
      "not_authorized",
      "needs_reauthorization",
      "check_client_credentials",
      "disconnected",
      "upstream_refused",
      "internal_error",
    ),
  },
};

function proxyOperation(method: string): Json {
  return {
    operationId: `proxy${method[0]}${method.slice(1).toLowerCase()}`,
    summary: `${method} through the connector's credentials`,
    description:
      "Forwards the request to the connector's API Base URL + `path` + query string, with the connector's auth data added as `apply` says (a header with its prefix, such as `Authorization: Bearer …`, an API key's own header such as `X-Api-Key`, `Authorization: Basic …` for Basic Auth, or a query parameter). Your `Authorization`, any header of the name the credential goes in, cookies and hop-by-hop headers are not forwarded. Bodies stream both ways; redirects are returned, not followed. When the vendor answers 401, the token is renewed once and the request retried once (bodies up to 1 MiB). Paths that would leave the API Base URL or be read differently by the vendor (`..`, `..;`, `%2e%2e`, Unicode look-alikes of `.` and `/`, `%2f` unless the connector allows encoded slashes, backslashes, double encoding, absolute URLs) are refused with 400 `bad_path`. An API Base URL written as a template over connection metadata (`{instance_url}/services/data/v61.0`) is filled from the metadata kept with the current token: a field the vendor has not sent gives 409 `api_base_url_incomplete`, a value that does not make an acceptable https URL 409 `api_base_url_refused` (both name the field in `field`). The vendor's status, headers (without `Set-Cookie`) and body are returned with `Cache-Control: no-store`.",
    tags: ["Proxy"],
    parameters: [
      idParameter,
      {
        name: "path",
        in: "path",
        required: true,
        description: "The vendor API path relative to the API Base URL; may contain `/`.",
        schema: { type: "string" },
        example: "v1/items",
      },
    ],
    ...(["POST", "PUT", "PATCH", "DELETE"].includes(method) ? { requestBody: { required: false, content: { "*/*": { schema: {} } } } } : {}),
    responses: {
      default: { description: "The vendor's answer, passed through" },
      ...errors(
        "bad_path",
        "invalid_api_key",
        "key_lacks_access",
        "unknown_connector",
        "method_not_allowed",
        "not_authorized",
        "needs_reauthorization",
        "check_client_credentials",
        "disconnected",
        "no_api_base_url",
        "api_base_url_incomplete",
        "api_base_url_refused",
        "upstream_refused",
        "upstream_unreachable",
        "upstream_timeout",
      ),
    },
  };
}

/** Public: the vendor fetches it without a Latchkey credential (SECURITY 44). */
const jwksOperation: Json = {
  operationId: "getConnectorJwks",
  summary: "The connector's public signing key (JWKS URL)",
  description:
    'The public key of the connector\'s Signed JWT (private_key_jwt) or JWT Bearer key pair as a JSON Web Key Set (RFC 7517), for vendors that fetch client keys by URL (Okta: JWKS URL). No API key needed: it holds public key members only (`kty`, `n`/`e` or `crv`/`x`/`y`, `kid`, `use`, `alg`). `{"keys": []}` when the connector has no key. Sent with `Cache-Control: public, max-age=300`.',
  tags: ["Keys"],
  security: [],
  parameters: [idParameter],
  responses: {
    "200": { description: "A JSON Web Key Set", content: { "application/json": { schema: { $ref: "#/components/schemas/JwkSet" } } } },
    ...errors("unknown_connector"),
  },
};

const TOKEN_FIELDS = ["connector_id", "credential_type", "access_token", "token_type", "expires_at", "expires_in", "apply", "metadata"];
const tokenProperties = {
  connector_id: { type: "string" },
  credential_type: {
    type: "string",
    enum: ["oauth2", "api_key", "basic"],
    description:
      "`oauth2`: an OAuth 2.0 access token. `api_key`: the connector's static API key. `basic`: base64 of user name:password, for `Authorization: Basic`. Static credentials have no expiry.",
  },
  access_token: { type: "string" },
  token_type: {
    type: "string",
    examples: ["Bearer", "Basic", "ApiKey"],
    description:
      "OAuth 2.0: the vendor's token type (the connector's header prefix when the vendor sends none). Basic Auth: `Basic`. API key: the connector's header prefix, or `ApiKey` when it has none, which is not an HTTP scheme: send the key as `apply` says.",
  },
  expires_at: { type: ["string", "null"], format: "date-time", description: "null when the vendor gave no expiry" },
  expires_in: { type: ["integer", "null"], minimum: 0, description: "Seconds left; null when unknown" },
  apply: { $ref: "#/components/schemas/Apply" },
  metadata: {
    type: "object",
    additionalProperties: { type: ["string", "number", "boolean"] },
    description:
      "The connection metadata the connector is set to keep, by field name (dotted for a nested token-response field, e.g. `team.id`): values from the token response or the authorization redirect. A field the vendor did not send is absent; `{}` when the connector keeps none. Fields marked sensitive are included (they are only hidden from viewers in the console).",
    examples: [{ instance_url: "https://acme.my.salesforce.com" }, {}],
  },
};

export function openApiDocument(publicUrl: string): Json {
  const proxyPath = Object.fromEntries(PROXY_METHODS.map((method) => [method.toLowerCase(), proxyOperation(method)]));
  return {
    openapi: "3.1.0",
    info: {
      title: "Latchkey machine API",
      version: "1",
      description:
        "For sync workers: valid OAuth 2.0 access tokens (or the static API key or Basic Auth credential) for Latchkey's connectors, or calls to a connector's vendor API with the credentials added. Authenticate with an API key created under Settings → API keys: `Authorization: Bearer lk_…`.",
    },
    servers: [{ url: `${publicUrl}/api/v1` }],
    security: [{ apiKey: [] }],
    tags: [{ name: "Tokens" }, { name: "Proxy" }, { name: "Keys" }],
    paths: {
      "/connectors/{id}/token": { get: tokenOperation },
      "/connectors/{id}/token/refresh": { post: refreshOperation },
      "/connectors/{id}/proxy/{path}": proxyPath,
      "/connectors/{id}/jwks.json": { get: jwksOperation },
      "/openapi.json": {
        get: {
          operationId: "getOpenApi",
          summary: "This document",
          security: [],
          responses: { "200": { description: "OpenAPI 3.1 document", content: { "application/json": {} } } },
        },
      },
    },
    components: {
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "lk_<8 hex>_<43 base64url>",
          description: "A Latchkey API key; it may be limited to one connector.",
        },
      },
      schemas: {
        Token: { type: "object", required: TOKEN_FIELDS, additionalProperties: false, properties: tokenProperties },
        RefreshedToken: {
          type: "object",
          required: [...TOKEN_FIELDS, "refreshed"],
          additionalProperties: false,
          properties: {
            ...tokenProperties,
            refreshed: {
              type: "boolean",
              description: `true when this request's renewal called the vendor; false when it shared a renewal made in the last ${FORCED_RENEWAL_INTERVAL_MS / 1000} s`,
            },
          },
        },
        JwkSet: {
          type: "object",
          required: ["keys"],
          properties: {
            keys: {
              type: "array",
              maxItems: 1,
              items: {
                type: "object",
                required: ["kty", "kid", "use"],
                properties: {
                  kty: { enum: ["RSA", "EC"] },
                  kid: { type: "string", description: "The connector's Key ID, or the key's RFC 7638 thumbprint" },
                  use: { const: "sig" },
                  alg: { enum: ["RS256", "PS256", "ES256"] },
                  n: { type: "string" },
                  e: { type: "string" },
                  crv: { type: "string", examples: ["P-256"] },
                  x: { type: "string" },
                  y: { type: "string" },
                },
              },
            },
          },
        },
        Apply: {
          description: "How to send the token to the vendor, per the connector's settings.",
          oneOf: [
            {
              type: "object",
              required: ["in", "name", "prefix"],
              properties: {
                in: { const: "header" },
                name: {
                  type: "string",
                  examples: ["Authorization", "X-Api-Key"],
                  description: "`Authorization`, or for an API key the header the connector names.",
                },
                prefix: {
                  type: "string",
                  examples: ["Bearer", "Basic", ""],
                  description: "Put before the token with one space; empty: the header is the bare token.",
                },
              },
            },
            { type: "object", required: ["in", "name"], properties: { in: { const: "query" }, name: { type: "string", examples: ["access_token"] } } },
          ],
        },
        Error: {
          type: "object",
          required: ["error", "message"],
          properties: {
            error: { type: "string", enum: Object.keys(API_ERRORS) },
            message: { type: "string" },
            oauth_error: {
              type: "string",
              description: "The classified OAuth error of a failed renewal (upstream_refused, needs_reauthorization, check_client_credentials).",
            },
            reason: { type: "string", description: "The outbound guard's code (upstream_unreachable, upstream_timeout), e.g. blocked_address." },
            status: {
              type: "string",
              description:
                'The connector\'s status as the console shows it, when the error is about its state (409), e.g. "Disconnected" or "Needs re-authorization".',
            },
            field: {
              type: "string",
              description:
                "The connection metadata field an API Base URL template needs (api_base_url_incomplete, api_base_url_refused); its name, never its value.",
            },
          },
        },
      },
    },
  };
}

/** Ready-to-run examples for the API page. */
export function curlExamples(publicUrl: string): { title: string; command: string }[] {
  const api = `${publicUrl}/api/v1`;
  return [
    { title: "Get a valid access token", command: `curl -sS -H "Authorization: Bearer $LATCHKEY_API_KEY" \\\n  ${api}/connectors/CONNECTOR_ID/token` },
    {
      title: "Get a token valid for at least 10 more minutes",
      command: `curl -sS -H "Authorization: Bearer $LATCHKEY_API_KEY" \\\n  "${api}/connectors/CONNECTOR_ID/token?min_ttl=600"`,
    },
    {
      title: "Renew the token after the vendor answered 401",
      command: `curl -sS -X POST -H "Authorization: Bearer $LATCHKEY_API_KEY" \\\n  ${api}/connectors/CONNECTOR_ID/token/refresh`,
    },
    {
      title: "Call the vendor API through the proxy",
      command: `curl -sS -H "Authorization: Bearer $LATCHKEY_API_KEY" \\\n  "${api}/connectors/CONNECTOR_ID/proxy/v1/items?limit=10"`,
    },
    {
      title: "Send a JSON body through the proxy",
      command: `curl -sS -X POST -H "Authorization: Bearer $LATCHKEY_API_KEY" \\\n  -H "Content-Type: application/json" -d '{"name":"example"}' \\\n  ${api}/connectors/CONNECTOR_ID/proxy/v1/items`,
    },
    { title: "This API's OpenAPI document", command: `curl -sS ${api}/openapi.json` },
  ];
}
