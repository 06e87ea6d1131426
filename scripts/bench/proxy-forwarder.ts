/**
 * Benchmark child process: the bare forwarder, the practical limit of one extra hop. node:http
 * in, an undici keep-alive pool out, hop-by-hop headers dropped, bodies streamed. No
 * authentication, no token, no checks. Prints `READY <port>`. Argument: the upstream origin.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Pool } from "undici";

const pool = new Pool(process.argv[2]!, { connections: 128, keepAliveTimeout: 60_000 });
const HOP = new Set(["connection", "keep-alive", "transfer-encoding", "te", "upgrade", "host", "authorization"]);

const server = createServer(async (req, res) => {
  try {
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !HOP.has(name))) as Record<string, string>;
    const upstream = await pool.request({
      path: req.url ?? "/",
      method: req.method as "GET",
      headers,
      body: req.method === "GET" || req.method === "HEAD" ? null : req,
    });
    const out = Object.fromEntries(Object.entries(upstream.headers).filter(([name]) => !HOP.has(name)));
    res.writeHead(upstream.statusCode, out as Record<string, string>);
    upstream.body.once("error", () => res.destroy());
    upstream.body.pipe(res);
  } catch {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  }
});
server.keepAliveTimeout = 120_000;
server.listen(0, "127.0.0.1", () => console.log(`READY ${(server.address() as AddressInfo).port}`));
