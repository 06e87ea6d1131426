/**
 * A faulty vendor for the reliability run: a front on 127.0.0.1 for the real test vendor
 * (oidc-provider, e2e/vendor/test-vendor.ts) that either passes token requests through or
 * injects one fault, and serves the vendor's API.
 *
 * - `POST /oauth2/token`: by `mode`, forwarded to oidc-provider (which spends and rotates refresh
 *   tokens for real) or answered with the fault. "hold" keeps requests until the run decides to
 *   forward, answer or drop them (a process killed mid-refresh, a database restarted meanwhile).
 * - `GET /api/…`: the vendor's API. Accepts a bearer access token that oidc-provider issued
 *   through this front and that has not expired; 401 otherwise.
 *
 * Every token request is recorded with the refresh token it presented and the one the vendor
 * issued in return, so the run can tell whether each refresh presented the newest refresh token
 * and whether the one stored at the end is the newest (introspection says whether it is active).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { startTestVendor, type TestVendor } from "../../e2e/vendor/test-vendor";

export type TokenFault =
  | "pass"
  | "timeout"
  | "server_error"
  | "rate_limited"
  | "html"
  | "malformed_json"
  | "error_on_200"
  | "reset_before_vendor"
  | "reset_after_vendor"
  | "hold"
  | "alternate_503";

export interface TokenExchange {
  at: number;
  grantType: string;
  presentedRefreshToken: string | null;
  /** "vendor" when oidc-provider answered (and may have rotated the refresh token), "front" for an injected fault. */
  answeredBy: "vendor" | "front" | "none";
  status: number | null;
  issuedRefreshToken: string | null;
  /** Whether the caller received the vendor's answer (false when the front dropped or cut it). */
  delivered: boolean;
}

export interface HeldRequest {
  form: Record<string, string>;
  /** Sends the request on to the vendor (which acts on it); the caller gets nothing yet. */
  forward(): Promise<void>;
  /** Forwards (if not yet) and answers the caller. */
  answer(): Promise<void>;
  /** Closes the caller's connection without an answer. */
  drop(): void;
}

export interface VendorFront {
  vendor: TestVendor;
  tokenUrl: string;
  apiBaseUrl: string;
  mode: TokenFault;
  setMode(mode: TokenFault): void;
  exchanges: TokenExchange[];
  held: HeldRequest[];
  /** Requests the API answered: "200", "401 expired" (a token it issued, past its life) or "401 unknown". */
  apiAnswers: Map<string, number>;
  /** Stops listening: new connections are refused until listenAgain(). */
  stopListening(): Promise<void>;
  listenAgain(): Promise<void>;
  /** RFC 7662 introspection at the vendor: is this refresh token still active? (Does not spend it.) */
  refreshTokenActive(refreshToken: string): Promise<boolean>;
  close(): Promise<void>;
}

const RETRY_AFTER_SECONDS = 120;
const HTML_PAGE = "<!doctype html><html><head><title>Sign in</title></head><body><h1>Corporate proxy</h1><form>Sign in to continue</form></body></html>";

export async function startVendorFront(options: { redirectUris: string[]; accessTokenTtlSeconds?: number }): Promise<VendorFront> {
  const vendor = await startTestVendor({
    autoApprove: true,
    redirectUris: options.redirectUris,
    rotateRefreshTokens: true,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
  });
  const client = vendor.clients.authCode;
  const exchanges: TokenExchange[] = [];
  const held: HeldRequest[] = [];
  const apiAnswers = new Map<string, number>();
  const accessTokens = new Map<string, number>();
  let mode: TokenFault = "pass";
  let alternate = 0;

  const forwardToVendor = async (req: IncomingMessage, body: string, exchange: TokenExchange) => {
    const response = await fetch(vendor.tokenEndpoint, {
      method: "POST",
      headers: Object.fromEntries(
        ["content-type", "authorization", "accept"].flatMap((name) => (req.headers[name] ? [[name, String(req.headers[name])]] : [])),
      ),
      body,
    });
    const text = await response.text();
    exchange.answeredBy = "vendor";
    exchange.status = response.status;
    if (response.ok) {
      const json = JSON.parse(text) as { access_token?: string; refresh_token?: string; expires_in?: number };
      exchange.issuedRefreshToken = json.refresh_token ?? null;
      if (json.access_token) accessTokens.set(json.access_token, Date.now() + (json.expires_in ?? 3600) * 1000);
    }
    return { status: response.status, contentType: response.headers.get("content-type") ?? "application/json", body: text };
  };

  const reply = (res: ServerResponse, status: number, headers: Record<string, string>, body: string) => {
    if (res.destroyed) return;
    res.writeHead(status, { "content-length": String(Buffer.byteLength(body)), ...headers });
    res.end(body);
  };

  /** Headers and half of a body, then the connection is reset. */
  const cut = (res: ServerResponse, body: string) => {
    const bytes = Buffer.from(body);
    res.writeHead(200, { "content-type": "application/json", "content-length": String(bytes.length) });
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
  };

  const handleToken = async (req: IncomingMessage, res: ServerResponse, body: string) => {
    const form = Object.fromEntries(new URLSearchParams(body));
    const exchange: TokenExchange = {
      at: Date.now(),
      grantType: form.grant_type ?? "",
      presentedRefreshToken: form.refresh_token ?? null,
      answeredBy: "none",
      status: null,
      issuedRefreshToken: null,
      delivered: false,
    };
    exchanges.push(exchange);
    const answer = async () => {
      const answered = await forwardToVendor(req, body, exchange);
      reply(res, answered.status, { "content-type": answered.contentType, "cache-control": "no-store" }, answered.body);
      exchange.delivered = !res.destroyed;
    };
    const front = (status: number, headers: Record<string, string>, text: string) => {
      exchange.answeredBy = "front";
      exchange.status = status;
      reply(res, status, headers, text);
    };
    // Code exchanges always pass: faults are about keeping tokens fresh.
    const current = form.grant_type === "refresh_token" ? mode : "pass";
    switch (current) {
      case "pass":
        return answer();
      case "timeout":
        exchange.answeredBy = "front";
        return; // never answered; the caller's deadline ends it
      case "server_error":
        return front(500, { "content-type": "text/plain" }, "Internal Server Error");
      case "rate_limited":
        return front(
          429,
          { "content-type": "application/json", "retry-after": String(RETRY_AFTER_SECONDS) },
          JSON.stringify({ error: "rate_limited", error_description: "Too many requests" }),
        );
      case "html":
        return front(200, { "content-type": "text/html; charset=utf-8" }, HTML_PAGE);
      case "malformed_json":
        return front(200, { "content-type": "application/json" }, '{"access_token": "at-unfinished", "token_type": "Bearer", "expires_in": 36');
      case "error_on_200":
        // GitHub and Slack answer failures with HTTP 200 and an error in the body.
        return front(
          200,
          { "content-type": "application/json" },
          JSON.stringify({ ok: false, error: "temporarily_unavailable", error_description: "try again later" }),
        );
      case "reset_before_vendor":
        exchange.answeredBy = "front";
        return cut(res, JSON.stringify({ access_token: "at-cut-short", token_type: "Bearer", expires_in: 3600, refresh_token: "rt-cut-short" }));
      case "reset_after_vendor": {
        const answered = await forwardToVendor(req, body, exchange);
        return cut(res, answered.body);
      }
      case "alternate_503":
        alternate += 1;
        if (alternate % 2 === 1) return front(503, { "content-type": "application/json" }, JSON.stringify({ error: "temporarily_unavailable" }));
        return answer();
      case "hold": {
        let forwarded: Promise<void> | null = null;
        let dropped = false;
        const forward = () =>
          (forwarded ??= forwardToVendor(req, body, exchange).then((answered) => {
            heldAnswers.set(exchange, answered);
          }));
        held.push({
          form,
          forward,
          answer: async () => {
            await forward();
            const answered = heldAnswers.get(exchange)!;
            if (dropped) return;
            reply(res, answered.status, { "content-type": answered.contentType }, answered.body);
            exchange.delivered = !res.destroyed;
          },
          drop: () => {
            dropped = true;
            res.destroy();
          },
        });
        return;
      }
    }
  };
  const heldAnswers = new Map<TokenExchange, { status: number; contentType: string; body: string }>();

  const handleApi = (req: IncomingMessage, res: ServerResponse) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const expiresAt = token ? accessTokens.get(token) : undefined;
    const status = expiresAt !== undefined && expiresAt > Date.now() ? 200 : 401;
    const answer = status === 200 ? "200" : expiresAt === undefined ? "401 unknown" : "401 expired";
    apiAnswers.set(answer, (apiAnswers.get(answer) ?? 0) + 1);
    if (status === 401)
      return reply(
        res,
        401,
        { "content-type": "application/json", "www-authenticate": 'Bearer error="invalid_token"' },
        JSON.stringify({ error: "invalid_token" }),
      );
    reply(res, 200, { "content-type": "application/json" }, JSON.stringify({ items: [{ id: 1, name: "item" }], next: null }));
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      if (req.method === "POST" && req.url === "/oauth2/token") {
        handleToken(req, res, body).catch(() => res.destroy());
      } else if (req.url?.startsWith("/api/")) {
        handleApi(req, res);
      } else {
        reply(res, 404, { "content-type": "text/plain" }, "not found");
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const closeServer = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });

  return {
    vendor,
    tokenUrl: `${origin}/oauth2/token`,
    apiBaseUrl: `${origin}/api`,
    get mode() {
      return mode;
    },
    setMode: (next) => {
      mode = next;
      alternate = 0;
    },
    exchanges,
    held,
    apiAnswers,
    stopListening: closeServer,
    listenAgain: () => listen(port),
    refreshTokenActive: async (refreshToken) => {
      const response = await fetch(`${vendor.issuer}/oauth2/introspect`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          authorization: `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString("base64")}`,
        },
        body: new URLSearchParams({ token: refreshToken, token_type_hint: "refresh_token" }).toString(),
      });
      return ((await response.json()) as { active?: boolean }).active === true;
    },
    close: async () => {
      for (const request of held.splice(0)) request.drop();
      if (server.listening) await closeServer();
      await vendor.close();
    },
  };
}
