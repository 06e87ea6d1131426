/**
 * The machine API on plain `node:http`, without Next.js: the same API-key check, token endpoint
 * and proxy core as the route handlers, with no web-stream conversions and no framework routing.
 * It is the lighter path for deployments whose proxy traffic outgrows the Next.js request path
 * (see BENCHMARKS.md): mount it in front of Next's request handler in a custom server, or on a
 * second port from the start script. The benchmark serves it from scripts/bench/proxy-light.ts.
 */
import { EventEmitter } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Readable } from "node:stream";
import { ApiError, API_ERRORS, NO_STORE } from "../machine-api/api-error";
import { bearerCredential } from "../api-keys/key-format";
import { authenticateApiKeyCached } from "../api-keys/service";
import { describeError } from "../log/safe-error";
import { forwardToConnector, type ProxyDeps } from "./forward";
import { tokenRequest } from "./token-endpoint";

/** `…/{id}/token`, `…/{id}/token/refresh`, or `…/{id}/proxy[/path]`; anything else is not ours. */
const ROUTE = /^\/api\/v1\/connectors\/([^/?]+)\/(?:(token|token\/refresh)|proxy(?:\/([^?]*))?)$/s;

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...NO_STORE, ...headers });
  res.end(text);
}

/** Streams the vendor's body to the worker; either side failing ends the other. (stream.pipeline costs an AbortController per call.) */
function pipeBody(body: Readable, res: ServerResponse): void {
  body.once("error", () => res.destroy());
  res.once("close", () => {
    if (!body.readableEnded) body.destroy();
  });
  body.pipe(res);
}

/** Handles `/api/v1/connectors/{id}/token`, `…/token/refresh` and `…/proxy/…`; returns false for any other URL (for the next handler). */
export function machineApiNodeHandler(deps: ProxyDeps): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    const raw = req.url ?? "/";
    const queryAt = raw.indexOf("?");
    const match = ROUTE.exec(queryAt === -1 ? raw : raw.slice(0, queryAt));
    if (!match) return false;
    const [, encodedId = "", token, rawPath = ""] = match;
    const tokenEndpoint = token === undefined ? null : token === "token" ? "token" : "refresh";
    // Aborts the vendor call when the worker goes away. An EventEmitter, not an AbortController:
    // creating and firing those (with their DOMException) was a tenth of the CPU per request.
    const abort = new EventEmitter();
    res.once("close", () => {
      if (!res.writableFinished) abort.emit("abort");
    });
    try {
      const credential = bearerCredential(req.headers.authorization ?? null);
      const principal = credential.kind === "key" ? await authenticateApiKeyCached(deps.db, credential.key) : null;
      if (!principal) {
        const presented = credential.kind !== "missing";
        sendJson(
          res,
          401,
          {
            error: "invalid_api_key",
            message: presented ? "The API key is not valid or has been revoked." : "Send an API key as Authorization: Bearer <key>.",
          },
          {
            "www-authenticate": presented ? 'Bearer realm="latchkey", error="invalid_token"' : 'Bearer realm="latchkey"',
          },
        );
        return true;
      }
      const connectorId = decodeURIComponent(encodedId);
      if (tokenEndpoint) {
        const query = new URLSearchParams(queryAt === -1 ? "" : raw.slice(queryAt + 1));
        sendJson(res, 200, await tokenRequest(deps.db, deps.config, principal, { endpoint: tokenEndpoint, method: req.method ?? "GET", connectorId, query }));
        return true;
      }
      const headers = Object.entries(req.headers).flatMap(([name, value]) =>
        value === undefined ? [] : [[name, Array.isArray(value) ? value.join(", ") : value] as [string, string]],
      );
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const result = await forwardToConnector(deps, {
        connectorId,
        requester: principal,
        method: req.method ?? "GET",
        rawPath,
        rawQuery: queryAt === -1 ? "" : raw.slice(queryAt + 1),
        headers,
        body: hasBody ? req : null,
        signal: abort,
      });
      // Headers joins repeated names already; Set-Cookie, the one exception, is never forwarded.
      res.writeHead(result.status, Object.fromEntries(result.headers));
      if (result.body) pipeBody(result.body, res);
      else res.end();
    } catch (error) {
      if (res.headersSent || res.destroyed) {
        res.destroy();
        return true;
      }
      const apiError = error instanceof ApiError ? error : new ApiError("internal_error", "Something went wrong.");
      if (!(error instanceof ApiError)) console.error(`latchkey: machine API request failed: ${describeError(error)}`);
      sendJson(res, API_ERRORS[apiError.code], apiError.body(), apiError.headers);
    }
    return true;
  };
}
