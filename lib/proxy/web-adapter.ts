/**
 * Between web Request/Response (Next.js route handlers) and the transport-neutral proxy core.
 */
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { ApiError } from "../machine-api/api-error";
import type { ProxyInput, ProxyResult } from "./forward";

const PROXY_PATH = /^\/api\/v1\/connectors\/[^/]+\/proxy(?:\/(.*))?$/s;

/**
 * The path after `/proxy/`, taken from the request URL as received (still percent-encoded),
 * not from Next's decoded route parameters, so encoded separators stay visible to the checks.
 */
export function rawProxyPath(pathname: string): string {
  const match = PROXY_PATH.exec(pathname);
  if (!match) throw new ApiError("bad_path", "The path is refused: it is not under /api/v1/connectors/{id}/proxy/.");
  return match[1] ?? "";
}

export function proxyInputOf(request: Request, connectorId: string, requester: ProxyInput["requester"]): ProxyInput {
  const url = new URL(request.url);
  return {
    connectorId,
    requester,
    method: request.method,
    rawPath: rawProxyPath(url.pathname),
    rawQuery: url.search.slice(1),
    headers: request.headers.entries(),
    body: request.body ? Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>) : null,
    signal: request.signal,
  };
}

export function proxyResponse(result: ProxyResult): Response {
  const body = result.body ? (Readable.toWeb(result.body) as ReadableStream<Uint8Array>) : null;
  return new Response(body, { status: result.status, headers: result.headers });
}
