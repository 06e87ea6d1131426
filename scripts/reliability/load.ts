/**
 * Load with faults: two production app instances (scripts/start.ts, `next start`, the machine API
 * on its own port: lib/proxy/listener.ts → node-handler.ts) share one PostgreSQL database; 64
 * sync workers call the proxy (`GET /api/v1/connectors/{id}/proxy/items`) through both for the
 * whole run, while the vendor's token endpoint answers every other refresh with 503 and issues
 * access tokens that live `tokenTtlSeconds`, so renewals keep happening; in the middle, one
 * instance is killed (SIGKILL, its whole process group) and started again.
 *
 * Measured: requests answered and errors by class (HTTP status and the machine API's error code,
 * or the connection error), vendor refresh calls per token issued, and refresh tokens lost: every
 * refresh must present the newest refresh token the vendor issued for that grant, and at the end
 * the stored refresh token of every connector must be the newest one and still active at the
 * vendor (introspection).
 *
 * A worker that gets anything but a 200 waits 250 ms before its next request, as a sync worker
 * would; a closed loop without that pause mostly measures how fast errors can be served.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Pool } from "undici";
import { createDb } from "../../lib/db";
import { loadConfig } from "../../lib/env";
import { createApiKey } from "../../lib/api-keys/service";
import { unsealField } from "../../lib/secrets/sealed-fields";
import { adminActor } from "../../test/support/token-fixtures";
import { freePort, startApp, type Child } from "../bench/proxy-servers";
import type { PrivatePostgres } from "./private-postgres";
import { authorizedConnector, PUBLIC_URL } from "./seed";
import type { VendorFront } from "./vendor-front";

export interface LoadOptions {
  durationMs: number;
  workers: number;
  connectors: number;
  /** When, from the start, the first instance is killed. */
  killAtMs: number;
}

export interface LoadResult {
  options: LoadOptions;
  tokenTtlSeconds: number;
  database: string;
  requests: number;
  answered: number;
  ok: number;
  /** Count per class: "200", "502 upstream_refused (temporarily_unavailable)", "ECONNREFUSED"… */
  classes: Record<string, number>;
  /** Answers per 10 s window: [ok, errors]. */
  timeline: [number, number][];
  restart: { killedAtS: number; downSeconds: number };
  refreshCalls: number;
  refreshFailures: number;
  tokensIssued: number;
  /** Refresh requests that presented a refresh token the vendor had already replaced (or never issued). */
  stalePresentations: number;
  /** Connectors whose stored refresh token at the end is not the newest one or not active at the vendor. */
  lostRefreshTokens: number;
  lostDetail: string[];
  /** Vendor API answers: "200", "401 expired", "401 unknown". */
  apiAnswers: Record<string, number>;
}

interface Instance {
  name: string;
  port: number;
  machinePort: number;
  env: NodeJS.ProcessEnv;
  child: Child | null;
}

const PAUSE_AFTER_ERROR_MS = 250;

function errorClass(error: unknown): string {
  const code = (error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
  return code ?? (error instanceof Error ? error.name : "error");
}

export async function runLoad(
  appDir: string,
  pg: PrivatePostgres,
  front: VendorFront,
  secrets: Record<string, string>,
  options: LoadOptions,
  tokenTtlSeconds: number,
  log: (line: string) => void,
): Promise<LoadResult> {
  const url = await pg.createDatabase(`latchkey_load_${Date.now()}`);
  const env = { ...secrets, DATABASE_URL: url, LATCHKEY_PUBLIC_URL: PUBLIC_URL, LATCHKEY_DEV_ALLOW_LOOPBACK: "1" };
  const config = loadConfig(env, () => {});
  const db = createDb(url);
  const dataDirs: string[] = [];
  const instances: Instance[] = [];
  try {
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(
        ([k]) => !k.startsWith("LATCHKEY_") && !["DATABASE_URL", "AUTH_SECRET", "PORT", "HOSTNAME", "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY"].includes(k),
      ),
    );
    for (const name of ["A", "B"]) {
      const dataDir = mkdtempSync(path.join(tmpdir(), `latchkey-reliability-${name}-`));
      dataDirs.push(dataDir);
      const machinePort = await freePort();
      instances.push({
        name,
        port: await freePort(),
        machinePort,
        child: null,
        env: {
          ...inherited,
          ...env,
          NEXT_TELEMETRY_DISABLED: "1",
          LATCHKEY_DATA_DIR: dataDir,
          LATCHKEY_MACHINE_API_PORT: String(machinePort),
          LATCHKEY_MACHINE_API_HOST: "127.0.0.1",
        } as Record<string, string> as NodeJS.ProcessEnv,
      });
    }
    log("  starting two app instances on one PostgreSQL database…");
    // One after the other: two `prisma migrate deploy` at once wait for the same advisory lock,
    // which the first holds through Prisma 6.19's ten-second exit delay, and the second gives up.
    for (const instance of instances) instance.child = await startApp(instance.env, instance.port, appDir);

    // Authorized now, so every token starts its short life when the load starts.
    const admin = await adminActor(db);
    const { key } = await createApiKey(db, admin, { name: "reliability load", connectorId: "" });
    const connectorIds: string[] = [];
    for (let i = 0; i < options.connectors; i++) connectorIds.push(await authorizedConnector(db, config, front, { apiBaseUrl: front.apiBaseUrl }));
    const initialRefreshTokens = await storedRefreshTokens();
    const mark = front.exchanges.length;
    const apiBefore = new Map(front.apiAnswers);
    front.setMode("alternate_503");

    const pools = instances.map(
      (instance) => new Pool(`http://127.0.0.1:${instance.machinePort}`, { connections: options.workers / instances.length, keepAliveTimeout: 30_000 }),
    );
    const classes: Record<string, number> = {};
    const timeline: [number, number][] = [];
    const began = Date.now();
    let stop = false;
    const count = (what: string, ok: boolean) => {
      classes[what] = (classes[what] ?? 0) + 1;
      const bucket = Math.floor((Date.now() - began) / 10_000);
      while (timeline.length <= bucket) timeline.push([0, 0]);
      timeline[bucket]![ok ? 0 : 1] += 1;
    };
    const worker = async (index: number) => {
      const pool = pools[index % pools.length]!;
      const requestPath = `/api/v1/connectors/${connectorIds[index % connectorIds.length]}/proxy/items`;
      while (!stop) {
        let ok = false;
        try {
          const response = await pool.request({ path: requestPath, method: "GET", headers: { authorization: `Bearer ${key}` } });
          const text = await response.body.text();
          ok = response.statusCode === 200;
          let what = String(response.statusCode);
          if (!ok) {
            try {
              const body = JSON.parse(text) as { error?: string; oauth_error?: string };
              what = `${response.statusCode} ${body.error ?? ""}${body.oauth_error ? ` (${body.oauth_error})` : ""}`.trim();
            } catch {
              // not a machine API error body: the status says it all
            }
          }
          count(what, ok);
        } catch (error) {
          count(errorClass(error), false);
        }
        if (!ok && !stop) await new Promise((resolve) => setTimeout(resolve, PAUSE_AFTER_ERROR_MS));
      }
    };
    const running = Array.from({ length: options.workers }, (_, i) => worker(i));

    // The fault in the middle: kill instance A (SIGKILL to its process group) and start it again.
    await new Promise((resolve) => setTimeout(resolve, options.killAtMs));
    const victim = instances[0]!;
    const killedAt = Date.now();
    process.kill(-victim.child!.pid, "SIGKILL");
    log(`  killed instance ${victim.name} at ${((killedAt - began) / 1000).toFixed(0)} s; starting it again…`);
    victim.child = await startApp(victim.env, victim.port, appDir);
    const downSeconds = (Date.now() - killedAt) / 1000;
    log(`  instance ${victim.name} serves again after ${downSeconds.toFixed(1)} s`);

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, options.durationMs - (Date.now() - began))));
    stop = true;
    await Promise.all(running);
    await Promise.all(pools.map((pool) => pool.close()));
    front.setMode("pass");
    for (const instance of instances) await instance.child?.stop().catch(() => undefined);

    // Refresh-token accounting, over every exchange of the run, in the order the vendor saw them.
    const exchanges = front.exchanges.slice(mark).filter((e) => e.grantType === "refresh_token");
    const heads = new Set(initialRefreshTokens.values());
    let stalePresentations = 0;
    for (const exchange of exchanges) {
      if (exchange.presentedRefreshToken === null || !heads.has(exchange.presentedRefreshToken)) stalePresentations += 1;
      if (exchange.answeredBy === "vendor" && exchange.status === 200 && exchange.issuedRefreshToken && exchange.presentedRefreshToken) {
        heads.delete(exchange.presentedRefreshToken);
        heads.add(exchange.issuedRefreshToken);
      }
    }
    const finalTokens = await storedRefreshTokens();
    const lostDetail: string[] = [];
    for (const id of connectorIds) {
      const stored = finalTokens.get(id);
      if (!stored) lostDetail.push(`${id}: no refresh token stored`);
      else if (!heads.has(stored)) lostDetail.push(`${id}: the stored refresh token is not the newest the vendor issued`);
      else if (!(await front.refreshTokenActive(stored))) lostDetail.push(`${id}: the vendor no longer accepts the stored refresh token`);
    }
    const apiAnswers: Record<string, number> = {};
    for (const [answer, n] of front.apiAnswers) apiAnswers[answer] = n - (apiBefore.get(answer) ?? 0);
    const ok = classes["200"] ?? 0;
    const requests = Object.values(classes).reduce((a, b) => a + b, 0);
    const answered = Object.entries(classes)
      .filter(([what]) => /^\d{3}/.test(what))
      .reduce((a, [, n]) => a + n, 0);
    return {
      options,
      tokenTtlSeconds,
      database: "PostgreSQL (private cluster, fresh database)",
      requests,
      answered,
      ok,
      classes,
      timeline,
      restart: { killedAtS: (killedAt - began) / 1000, downSeconds },
      refreshCalls: exchanges.length,
      refreshFailures: exchanges.filter((e) => e.status !== 200).length,
      tokensIssued: exchanges.filter((e) => e.answeredBy === "vendor" && e.status === 200).length,
      stalePresentations,
      lostRefreshTokens: lostDetail.length,
      lostDetail,
      apiAnswers,
    };

    async function storedRefreshTokens(): Promise<Map<string, string>> {
      const rows = await db.token.findMany({ select: { id: true, connectorId: true, refreshTokenEnc: true } });
      return new Map(
        rows
          .filter((row) => row.refreshTokenEnc)
          .map((row) => [row.connectorId, unsealField(config.keyRing, "Token.refreshToken", row.id, row.refreshTokenEnc!)]),
      );
    }
  } finally {
    for (const instance of instances) await instance.child?.stop().catch(() => undefined);
    await db.$disconnect();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  }
}
