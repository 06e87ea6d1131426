/**
 * The machine API as a sync worker meets it in the fault matrix: lib/proxy/node-handler.ts
 * (machineApiNodeHandler) on a node:http server of its own, an API key for all connectors, and one
 * call of `GET /api/v1/connectors/{id}/token` reduced to what the worker learns: the HTTP status,
 * the error code (or "token") and Retry-After.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "../../lib/db";
import type { Config } from "../../lib/env";
import { createApiKey } from "../../lib/api-keys/service";
import { GuardedStreamPool } from "../../lib/http/guarded-stream";
import { machineApiNodeHandler } from "../../lib/proxy/node-handler";

export interface WorkerAnswer {
  status: number;
  /** "token" for a 200 with an access token, else the machine API's error code (plus oauth_error when given). */
  what: string;
  retryAfter: string | null;
  ms: number;
  accessToken: string | null;
}

export interface MachineApi {
  tokenCall(connectorId: string): Promise<WorkerAnswer>;
  close(): Promise<void>;
}

export async function startMachineApi(db: Db, config: Config, actor: { userId: string; label: string }): Promise<MachineApi> {
  const pool = new GuardedStreamPool({ allowLoopback: config.devAllowLoopback });
  const handle = machineApiNodeHandler({ db, config, pool });
  const server = createServer((req, res) => {
    void handle(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { key } = await createApiKey(db, actor, { name: `reliability worker ${Date.now()}`, connectorId: "" });
  return {
    tokenCall: async (connectorId) => {
      const started = performance.now();
      const response = await fetch(`${base}/api/v1/connectors/${connectorId}/token`, { headers: { authorization: `Bearer ${key}` } });
      const body = (await response.json()) as { access_token?: string; error?: string; oauth_error?: string };
      const what = response.ok ? "token" : `${body.error ?? "?"}${body.oauth_error ? ` (${body.oauth_error})` : ""}`;
      return {
        status: response.status,
        what,
        retryAfter: response.headers.get("retry-after"),
        ms: performance.now() - started,
        accessToken: body.access_token ?? null,
      };
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await pool.close();
    },
  };
}
