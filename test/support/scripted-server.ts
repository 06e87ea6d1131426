/**
 * A small HTTP server on 127.0.0.1 whose answers a test scripts: a stand-in token endpoint
 * (429 with Retry-After, HTML error pages, slow answers) or an alert receiver. Records every
 * request and how many were in flight at once.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ScriptedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** Form fields of a form-encoded body; {} otherwise. */
  form: Record<string, string>;
}

export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export type Responder = (request: ScriptedRequest) => ScriptedResponse | Promise<ScriptedResponse>;

export interface ScriptedServer {
  url: string;
  requests: ScriptedRequest[];
  /** Requests received but not yet answered. */
  inFlight(): number;
  maxInFlight(): number;
  respondWith(responder: Responder): void;
  close(): Promise<void>;
}

export function tokenResponse(accessToken: string, extra: Record<string, unknown> = {}): ScriptedResponse {
  return {
    status: 200,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ access_token: accessToken, token_type: "Bearer", expires_in: 3600, ...extra }),
  };
}

export function errorResponse(status: number, error: string, headers: Record<string, string> = {}): ScriptedResponse {
  return { status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ error }) };
}

export async function startScriptedServer(initial: Responder): Promise<ScriptedServer> {
  let responder = initial;
  const requests: ScriptedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const rawBody = Buffer.concat(chunks).toString("utf8");
      const form = String(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")
        ? Object.fromEntries(new URLSearchParams(rawBody))
        : {};
      const request = { path: req.url ?? "/", headers: req.headers, rawBody, form };
      requests.push(request);
      Promise.resolve(responder(request))
        .then((answer) => {
          inFlight -= 1;
          res.writeHead(answer.status, answer.headers ?? {});
          res.end(answer.body);
        })
        .catch(() => {
          inFlight -= 1;
          res.destroy();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    inFlight: () => inFlight,
    maxInFlight: () => maxInFlight,
    respondWith: (next) => {
      responder = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Polls `condition` until it holds; fails with `what` after `timeoutMs`. Never a fixed sleep. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
