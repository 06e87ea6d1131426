/**
 * The machine API on its own port, beside Next.js in the same process: the lighter path for
 * proxy traffic (see BENCHMARKS.md, "Proxy and token endpoint"). Same database client, caches,
 * single flight and outbound pool as the route handlers. Meant to be started once per server
 * process, e.g. from `instrumentation.ts` when a port is configured.
 */
import { createServer, type Server } from "node:http";
import { getConfig } from "../env";
import { getDb } from "../db";
import { sharedStreamPool } from "../http/guarded-stream";
import { machineApiNodeHandler } from "./node-handler";

export function startMachineApiListener({ port, hostname = "127.0.0.1" }: { port: number; hostname?: string }): Promise<Server> {
  const config = getConfig();
  const handle = machineApiNodeHandler({ db: getDb(), config, pool: sharedStreamPool({ allowLoopback: config.devAllowLoopback }) });
  const server = createServer((req, res) => {
    void handle(req, res).then((handled) => {
      if (handled) return;
      const body = JSON.stringify({ error: "not_found", message: "This port serves /api/v1/connectors/{id}/token and /proxy/… only." });
      res.writeHead(404, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => resolve(server));
  });
}
