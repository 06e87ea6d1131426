/** Calls the proxy core the way the route handler does, and reads what came back. */
import { Readable } from "node:stream";
import { forwardToConnector, type ProxyDeps, type ProxyInput, type ProxyResult } from "@/lib/proxy/forward";

export interface ForwardInit {
  method?: string;
  path?: string;
  query?: string;
  headers?: Record<string, string>;
  body?: string;
}

export function forward(deps: ProxyDeps, connectorId: string, requester: ProxyInput["requester"], init: ForwardInit = {}): Promise<ProxyResult> {
  return forwardToConnector(deps, {
    connectorId,
    requester,
    method: init.method ?? "GET",
    rawPath: init.path ?? "v1/items",
    rawQuery: init.query ?? "",
    headers: Object.entries(init.headers ?? {}),
    body: init.body === undefined ? null : Readable.from([Buffer.from(init.body)]),
  });
}

export async function textOf(result: ProxyResult): Promise<string> {
  if (!result.body) return "";
  const chunks: Buffer[] = [];
  for await (const chunk of result.body) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString("utf8");
}
