// A real HTTP server on 127.0.0.1 that answers token requests the way misbehaving vendors do
// (VENDOR-QUIRKS.md): one route per deviation. Tests point a connector's token URL at a route and
// drive it through the real guarded outbound request. It also records requests and counts TCP
// connections, so the outbound guard can be shown to refuse before connecting.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface QuirkyRequest {
  method: string;
  path: string;
  /** Lowercase names. */
  headers: Record<string, string>;
  body: string;
}

export interface QuirkyVendor {
  origin: string;
  /** `${origin}${path}` */
  url(path: string): string;
  requests: QuirkyRequest[];
  /** TCP connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

type Reply = { status: number; headers?: Record<string, string>; body?: string | Buffer } | "hang";
type Route = (request: QuirkyRequest) => Reply;

export const QUIRKY_ACCESS_TOKEN = "quirky-access-token-7f3a";
export const QUIRKY_REFRESH_TOKEN = "quirky-refresh-token-91bc";
export const QUIRKY_ID_TOKEN = "quirky.id.token";
/** 120 s, for the HTTP-date form of Retry-After. */
export const RETRY_AFTER_DATE_SECONDS = 120;

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  body: JSON.stringify(body),
});

/** An unsigned-looking JWS whose payload says `exp`. Only the payload matters to the parser. */
export function jwtWithExp(exp: number): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "RS256", typ: "at+jwt" })}.${part({ sub: "machine", exp })}.c2lnbmF0dXJl`;
}

/** exp used by the /jwt-exp route: a fixed instant one hour after 2030-01-01T00:00:00Z. */
export const JWT_EXP = Date.UTC(2030, 0, 1, 1) / 1000;

const ROUTES: Record<string, Route> = {
  // GitHub without Accept: application/json.
  "/form-success": () => ({
    status: 200,
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    body: `access_token=${QUIRKY_ACCESS_TOKEN}&scope=repo%2Cgist&token_type=bearer`,
  }),
  // GitHub: errors with HTTP 200.
  "/error-200": () =>
    json(200, {
      error: "bad_verification_code",
      error_description: "The code passed is incorrect or expired.",
      error_uri: "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#bad-verification-code",
    }),
  "/error-200-form": () => ({
    status: 200,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "error=bad_verification_code&error_description=The+code+passed+is+incorrect+or+expired.",
  }),
  // Slack: ok:false.
  "/slack-ok-false": () => json(200, { ok: false, error: "invalid_code" }),
  // Slack: a user-token-only install, token nested under authed_user, comma-separated scopes.
  "/slack-user-token": () =>
    json(200, {
      ok: true,
      app_id: "A0KRD7HC3",
      authed_user: { id: "U1234", scope: "chat:write,users:read", access_token: QUIRKY_ACCESS_TOKEN, token_type: "user" },
      team: { id: "T9TK3CUKW", name: "Slack Softworks" },
      enterprise: null,
      is_enterprise_install: false,
    }),
  // Azure AD v1: expires_in is a string.
  "/string-expires-in": () => json(200, { access_token: QUIRKY_ACCESS_TOKEN, token_type: "Bearer", expires_in: "3599" }),
  // Slack legacy, LinkedIn: no token_type.
  "/no-token-type": () => json(200, { access_token: QUIRKY_ACCESS_TOKEN, expires_in: 3600 }),
  // GitHub App without expiry: lowercase bearer, no expires_in.
  "/lowercase-bearer": () => json(200, { access_token: QUIRKY_ACCESS_TOKEN, token_type: "bearer", scope: "" }),
  // No expires_in, but the access token is a JWT with exp (RFC 9068).
  "/jwt-exp": () => json(200, { access_token: jwtWithExp(JWT_EXP), token_type: "Bearer" }),
  // expires_in 0 alongside a JWT: fall back to exp.
  "/zero-expires-in-jwt": () => json(200, { access_token: jwtWithExp(JWT_EXP), token_type: "Bearer", expires_in: 0 }),
  // Salesforce: no expires_in, instance_url and other extras.
  "/salesforce": () =>
    json(200, {
      access_token: QUIRKY_ACCESS_TOKEN,
      refresh_token: QUIRKY_REFRESH_TOKEN,
      signature: "Yi9lOHRsUjRhU2d2a2ZpR1ViVkN1Z0pHTHFRPQ==",
      scope: "refresh_token api",
      id_token: QUIRKY_ID_TOKEN,
      instance_url: "https://yourInstance.my.salesforce.com",
      id: "https://login.salesforce.com/id/00Dxx0000001gPLEAY/005xx000001SwiUAAS",
      token_type: "Bearer",
      issued_at: "1278448101416",
    }),
  // A proxy in front of the vendor.
  "/html-502": () => ({
    status: 502,
    headers: { "content-type": "text/html" },
    body: "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n</body>\n</html>\n",
  }),
  "/html-200": () => ({ status: 200, headers: { "content-type": "text/html" }, body: "<!doctype html><title>Sign in</title><p>Please sign in</p>" }),
  "/invalid-json-200": () => ({
    status: 200,
    headers: { "content-type": "application/json" },
    body: `{"access_token": "${QUIRKY_ACCESS_TOKEN}", "token_type": `,
  }),
  "/no-access-token-200": () => json(200, { token_type: "Bearer", expires_in: 3600 }),
  // Atlassian: invalid_grant as 403.
  "/atlassian-403": () => json(403, { error: "invalid_grant", error_description: "Unknown or invalid refresh token." }),
  "/rate-limited-seconds": () => json(429, { message: "Too many requests" }, { "retry-after": "7" }),
  "/rate-limited-date": () => ({
    status: 429,
    headers: { "content-type": "text/plain", "retry-after": new Date(Date.now() + RETRY_AFTER_DATE_SECONDS * 1000).toUTCString() },
    body: "slow down",
  }),
  // Echoes the credentials it received inside an error: the excerpt must not show them.
  "/echo-error": (request) => {
    const params = new URLSearchParams(request.body);
    return json(400, {
      error: "invalid_request",
      error_description: `rejected refresh_token ${params.get("refresh_token") ?? ""} from ${request.headers.authorization ?? "nobody"}`,
      refresh_token: params.get("refresh_token"),
      received_body: request.body,
    });
  },
  // A full success with secrets that must not reach `extra`.
  "/full-success": () =>
    json(200, {
      access_token: QUIRKY_ACCESS_TOKEN,
      refresh_token: QUIRKY_REFRESH_TOKEN,
      id_token: QUIRKY_ID_TOKEN,
      token_type: "Bearer",
      expires_in: 3600,
      scope: "read write",
      realmId: "4620816365172148210",
    }),
  "/redirect": () => ({ status: 302, headers: { location: "/form-success" }, body: "" }),
  "/big": () => ({ status: 200, headers: { "content-type": "application/json" }, body: Buffer.alloc(2 * 1024 * 1024, 0x20) }),
  // No Content-Length: only a running byte count can stop it.
  "/big-chunked": () => ({
    status: 200,
    headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
    body: Buffer.alloc(2 * 1024 * 1024, 0x20),
  }),
  "/hang": () => "hang",
  "/ok": () => json(200, { hello: "world" }),
};

export async function startQuirkyVendor(): Promise<QuirkyVendor> {
  const requests: QuirkyRequest[] = [];
  let connections = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = new URL(req.url ?? "/", "http://quirky.invalid").pathname;
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : (value ?? "")]));
      const request: QuirkyRequest = { method: req.method ?? "GET", path, headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(request);
      const route = ROUTES[path];
      const reply: Reply = route ? route(request) : json(404, { error: "not_found" });
      if (reply === "hang") return; // never answer; close() ends the socket
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body ?? "");
    });
  });
  server.on("connection", () => {
    connections += 1;
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    requests,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
