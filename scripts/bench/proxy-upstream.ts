/**
 * Benchmark child process: the vendor. `/api/…` answers a small JSON document (keep-alive);
 * `POST /oauth/token` is a token endpoint that counts refresh calls and answers after a short
 * delay (like a real vendor); `GET /stats` reports the count. Prints `READY <port>`.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const TOKEN_DELAY_MS = 25;
const payload = JSON.stringify({ data: Array.from({ length: 5 }, (_, i) => ({ id: i, name: `item ${i}`, updated_at: "2026-01-01T00:00:00Z" })), next: null });
let refreshCalls = 0;

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    if (req.method === "POST" && req.url === "/oauth/token") {
      refreshCalls += 1;
      const n = refreshCalls;
      setTimeout(() => {
        res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
        res.end(
          JSON.stringify({ access_token: `bench-access-${n}-${Date.now()}`, token_type: "Bearer", expires_in: 3600, refresh_token: `bench-refresh-${n}` }),
        );
      }, TOKEN_DELAY_MS);
      return;
    }
    if (req.url === "/stats") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ refreshCalls }));
      return;
    }
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(payload) });
    res.end(payload);
  });
});
server.keepAliveTimeout = 120_000;
server.listen(0, "127.0.0.1", () => console.log(`READY ${(server.address() as AddressInfo).port}`));
