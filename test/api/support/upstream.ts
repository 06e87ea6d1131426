/**
 * A vendor API stand-in on 127.0.0.1 that records exactly what it received (method, raw URL,
 * headers, body) and answers as the test scripts it. Default answer: 200 JSON echo.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface UpstreamRequest {
  method: string;
  /** Path and query exactly as sent on the request line. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export type UpstreamHandler = (request: UpstreamRequest, response: ServerResponse) => void | Promise<void>;

export interface Upstream {
  origin: string;
  requests: UpstreamRequest[];
  respondWith(handler: UpstreamHandler): void;
  close(): Promise<void>;
}

export const echo: UpstreamHandler = (request, response) => {
  response.writeHead(200, {
    "content-type": "application/json",
    "set-cookie": "vendor_session=abc; Path=/",
    "cache-control": "max-age=600",
    etag: '"v1"',
    "x-vendor": "yes",
  });
  response.end(JSON.stringify({ ok: true, method: request.method, url: request.url }));
};

export async function startUpstream(initial: UpstreamHandler = echo): Promise<Upstream> {
  let handler = initial;
  const requests: UpstreamRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = req.url ?? "/";
      const parsed = new URL(url, "http://upstream.invalid");
      const request = {
        method: req.method ?? "GET",
        url,
        path: parsed.pathname,
        query: parsed.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(request);
      Promise.resolve(handler(request, res)).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    respondWith: (next) => {
      handler = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
