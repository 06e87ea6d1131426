/**
 * The fault matrix: one scenario per fault, each on a fresh database with one connector
 * authorized for real at the test vendor (rotating refresh tokens) behind the faulty front.
 *
 * Every scenario, with the connector's token still valid but due for renewal:
 * 1. the fault is switched on and the background refresher runs one pass (refreshDueTokens →
 *    ensureFreshToken → the vendor), or a second app process does and is killed mid-call, or the
 *    database is restarted / locked while the vendor call is under way;
 * 2. a sync worker asks the machine API (machineApiNodeHandler on node:http) for the token;
 * 3. the dashboard's status (statusView: label and failure reason) and the next automatic attempt
 *    (nextAttemptAt − now) are read;
 * 4. the token is made to expire and the worker asks again;
 * 5. credentials are compared with before (credentials.ts), the vendor is asked whether the
 *    stored refresh token is still active (introspection), then the fault is healed and an admin's
 *    Refresh now shows whether the connector recovers.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { createDb } from "../../lib/db";
import { refreshDueTokens, type PassReport } from "../../lib/tokens/refresher/loop";
import { ensureFreshToken } from "../../lib/tokens/service";
import { statusView, TOKEN_STATUS_LABELS } from "../../lib/tokens/status";
import { adminActor } from "../../test/support/token-fixtures";
import { waitUntil } from "../../test/support/scripted-server";
import { credentialsLost, snapshotCredentials } from "./credentials";
import { startMachineApi, type WorkerAnswer } from "./machine-api";
import type { PrivatePostgres } from "./private-postgres";
import { authorizedConnector, KIND_LABEL, type DatabaseFactory, type Kind, type ScenarioDatabase } from "./seed";
import type { TokenFault, VendorFront } from "./vendor-front";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
/** Shorter than the default 30 s so a dead owner's lease runs out quickly; the vendor call may last half of it (5 s). */
export const LEASE_TTL_SECONDS = 10;
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

export interface FaultRow {
  fault: string;
  database: string;
  dashboard: string;
  workerValid: string;
  workerExpired: string;
  retry: string;
  lost: number;
  lostWhy: string[];
  vendorAccepts: string;
  recovery: string;
}

interface Scenario {
  fault: string;
  kind: Kind;
  /** Runs the refresh under the fault; returns what the retry column says when the stored row does not tell. */
  run(ctx: ScenarioContext): Promise<{ retry?: string } | void>;
  /** Whether the vendor is expected to still accept the stored refresh token after the fault. */
  vendorKeeps: boolean;
  why?: string;
}

interface ScenarioContext {
  database: ScenarioDatabase;
  front: VendorFront;
  connectorId: string;
  pg: PrivatePostgres | null;
}

const pass = (ctx: ScenarioContext): Promise<PassReport> => refreshDueTokens(ctx.database.db, ctx.database.config);

function vendorFault(fault: string, mode: TokenFault, kind: Kind = "sqlite"): Scenario {
  return {
    fault,
    kind,
    vendorKeeps: true,
    run: async (ctx) => {
      ctx.front.setMode(mode);
      await pass(ctx);
    },
  };
}

const SCENARIOS: Scenario[] = [
  vendorFault("Vendor timeout (no answer)", "timeout"),
  {
    fault: "Connection refused",
    kind: "sqlite",
    vendorKeeps: true,
    run: async (ctx) => {
      await ctx.front.stopListening();
      try {
        await pass(ctx);
      } finally {
        await ctx.front.listenAgain();
      }
    },
  },
  vendorFault("HTTP 500 (text body)", "server_error"),
  vendorFault("429 with Retry-After: 120", "rate_limited"),
  vendorFault("HTML page with HTTP 200", "html"),
  vendorFault("Malformed JSON with HTTP 200", "malformed_json"),
  vendorFault("HTTP 200 with an error body", "error_on_200"),
  {
    fault: "invalid_grant (the vendor revoked the grant)",
    kind: "sqlite",
    vendorKeeps: false,
    why: "revoked at the vendor",
    run: async (ctx) => {
      await ctx.front.vendor.revokeAllGrants(ctx.front.vendor.clients.authCode.id);
      await pass(ctx);
    },
  },
  vendorFault("Connection reset mid-body (before the vendor acted)", "reset_before_vendor"),
  {
    ...vendorFault("Connection reset mid-body (after the vendor rotated the refresh token)", "reset_after_vendor"),
    vendorKeeps: false,
    why: "spent by the vendor in the exchange whose answer was cut",
  },
  killedScenario("before"),
  killedScenario("after"),
  {
    fault: "PostgreSQL restarted mid-refresh (restart during the vendor call)",
    kind: "postgresql",
    vendorKeeps: true,
    run: async (ctx) => {
      const held = await holdOneRefresh(ctx, () => pass(ctx));
      await ctx.pg!.restart();
      await held.request.answer();
      await held.running;
    },
  },
  {
    fault: "PostgreSQL restarted mid-refresh (down when the vendor's answer arrives, back 3 s later)",
    kind: "postgresql",
    vendorKeeps: false,
    why: "spent by the vendor; the answer that replaced it could not be stored",
    run: async (ctx) => {
      const held = await holdOneRefresh(ctx, () => pass(ctx));
      await ctx.pg!.down();
      await held.request.answer();
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await ctx.pg!.up();
      await held.running.catch(() => undefined);
    },
  },
  sqliteLocked(2_000),
  sqliteLocked(SQLITE_BUSY_TIMEOUT_MS + 3_000),
];

/** Starts `start` and waits until its refresh request is held at the front. */
async function holdOneRefresh<T>(ctx: ScenarioContext, start: () => Promise<T>) {
  ctx.front.setMode("hold");
  const running = start();
  // Marked as handled now: a pass that fails while the run waits must not end the process.
  running.catch(() => undefined);
  await waitUntil(() => ctx.front.held.length === 1, "the refresh request is held at the vendor front");
  const request = ctx.front.held.splice(0)[0]!;
  ctx.front.setMode("pass");
  return { request, running };
}

function sqliteLocked(lockMs: number): Scenario {
  return {
    fault: `SQLite locked ${lockMs / 1000} s by another process's exclusive write transaction (busy timeout ${SQLITE_BUSY_TIMEOUT_MS / 1000} s)`,
    kind: "sqlite",
    vendorKeeps: lockMs < SQLITE_BUSY_TIMEOUT_MS,
    why: lockMs < SQLITE_BUSY_TIMEOUT_MS ? undefined : "spent by the vendor; the answer that replaced it could not be stored",
    run: async (ctx) => {
      // Another process: better-sqlite3 waits for a lock synchronously, so a locker in this process could never let go.
      const locker = await sqliteLocker(ctx.database.file!);
      const held = await holdOneRefresh(ctx, () => pass(ctx));
      const { released } = await locker.lock(lockMs);
      // The vendor answers while the lock is held: storing the result must wait for it (or fail).
      await held.request.answer();
      await Promise.all([held.running.catch(() => undefined), released]);
    },
  };
}

/** A process with the SQLite file open; lock(ms) holds BEGIN EXCLUSIVE for ms and resolves once held, with a promise of the release. */
async function sqliteLocker(file: string): Promise<{ lock(ms: number): Promise<{ released: Promise<void> }> }> {
  const script = [
    `const db = new (require("better-sqlite3"))(process.argv[1]);`,
    `process.stdin.once("data", (ms) => { db.exec("BEGIN EXCLUSIVE"); console.log("locked"); setTimeout(() => { db.exec("COMMIT"); db.close(); process.exit(0); }, Number(ms)); });`,
    `console.log("ready");`,
  ].join("\n");
  const child = spawn(process.execPath, ["-e", script, file], { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const line = () =>
    new Promise<void>((resolve, reject) => {
      child.stdout.once("data", () => resolve());
      void exited.then(() => reject(new Error("the SQLite locker exited early")));
    });
  await line();
  return {
    lock: async (ms) => {
      child.stdin.end(String(ms));
      await line();
      return { released: exited };
    },
  };
}

/** A second app process runs the refresher pass and is killed (SIGKILL) while its vendor call is held. */
function killedScenario(when: "before" | "after"): Scenario {
  return {
    fault: when === "before" ? "Process killed mid-refresh (before the vendor acted)" : "Process killed mid-refresh (after the vendor rotated the refresh token)",
    kind: "postgresql",
    vendorKeeps: when === "before",
    why: when === "after" ? "spent by the vendor for the killed process" : undefined,
    run: async (ctx) => {
      const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "reliability", "refresher-child.ts")], {
        cwd: ROOT,
        env: { ...process.env, ...ctx.database.env, LATCHKEY_LEASE_TTL_SECONDS: String(LEASE_TTL_SECONDS) },
        stdio: ["ignore", "ignore", "pipe", "ipc"],
      });
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      await new Promise<void>((resolve, reject) => {
        child.once("message", () => resolve());
        void exited.then(() => reject(new Error("the refresher child exited before it was ready")));
      });
      const held = await holdOneRefresh(ctx, async () => child.send("go"));
      if (when === "after") await held.request.forward();
      child.kill("SIGKILL");
      await exited;
      held.request.drop();
      const lease = await ctx.database.db.token.findUniqueOrThrow({ where: { connectorId: ctx.connectorId }, select: { leaseUntil: true } });
      const seconds = lease.leaseUntil ? Math.max(0, (lease.leaseUntil.getTime() - Date.now()) / 1000) : 0;
      return { retry: `the next caller, once the dead process's lease runs out (${seconds.toFixed(1)} s)` };
    },
  };
}

const show = (answer: WorkerAnswer) => `${answer.status} ${answer.what}${answer.retryAfter ? `, Retry-After ${answer.retryAfter}` : ""}${answer.ms >= 500 ? ` (${(answer.ms / 1000).toFixed(1)} s)` : ""}`;

async function dashboardOf(database: ScenarioDatabase, connectorId: string) {
  const connector = await database.db.connector.findUniqueOrThrow({ where: { id: connectorId }, select: { state: true, token: true } });
  return { view: statusView({ state: connector.state, token: connector.token }, new Date()), token: connector.token };
}

async function runScenario(scenario: Scenario, databases: DatabaseFactory, front: VendorFront, pg: PrivatePostgres | null): Promise<FaultRow> {
  const database = await databases.create(scenario.kind, { LATCHKEY_LEASE_TTL_SECONDS: String(LEASE_TTL_SECONDS) });
  const { db, config } = database;
  const admin = await adminActor(db);
  const api = await startMachineApi(db, config, admin);
  const secondDb = createDb(database.url);
  const secondApi = await startMachineApi(secondDb, config, admin);
  try {
    const connectorId = await authorizedConnector(db, config, front);
    // Due for renewal, still valid for an hour.
    await db.token.update({ where: { connectorId }, data: { refreshDueAt: new Date(Date.now() - 1_000) } });
    const before = await snapshotCredentials(db, config, connectorId);
    const mark = front.exchanges.length;

    const outcome = (await scenario.run({ database, front, connectorId, pg })) ?? {};
    const workerValid = await api.tokenCall(connectorId);
    const afterFault = await dashboardOf(database, connectorId);
    const retryAt = afterFault.token?.nextAttemptAt ?? null;
    const retry =
      outcome.retry ??
      (afterFault.view.failure === null
        ? "not needed: renewed"
        : retryAt
          ? `yes, in ${Math.round((retryAt.getTime() - Date.now()) / 1000)} s`
          : "no: needs re-authorization");

    // The stored token expires while the fault lasts. The worker now asks an instance whose
    // in-process token cache has not seen the token (the expiry was moved by hand, not by time).
    await db.token.update({ where: { connectorId }, data: { expiresAt: new Date(Date.now() - 1_000), refreshDueAt: new Date(Date.now() - 60_000) } });
    const workerExpired = await secondApi.tokenCall(connectorId);
    const expired = await dashboardOf(database, connectorId);
    const stored = await snapshotCredentials(db, config, connectorId);
    const accepted = stored.refreshToken ? await front.refreshTokenActive(stored.refreshToken) : false;

    // Healed: an admin's Refresh now.
    front.setMode("pass");
    const recovered = await ensureFreshToken(db, config, connectorId, { force: true, actor: admin });
    const after = await snapshotCredentials(db, config, connectorId);
    const loss = credentialsLost(before, after, front.exchanges.slice(mark));
    const finalAccepted = after.refreshToken ? await front.refreshTokenActive(after.refreshToken) : false;

    const label = (view: typeof afterFault.view) => TOKEN_STATUS_LABELS[view.status];
    const reason = afterFault.view.failure?.reason ?? expired.view.failure?.reason ?? null;
    return {
      fault: scenario.fault,
      database: KIND_LABEL[scenario.kind],
      dashboard: `${label(afterFault.view)} → ${label(expired.view)}${reason ? ` · ${reason}` : ""}`,
      workerValid: show(workerValid),
      workerExpired: show(workerExpired),
      retry,
      lost: loss.lost,
      lostWhy: loss.why,
      vendorAccepts: `${accepted ? "yes" : `no${scenario.why ? ` (${scenario.why})` : ""}`}${accepted === scenario.vendorKeeps ? "" : " — not what this scenario expects"}`,
      recovery: recovered.ok ? `renewed${finalAccepted ? "" : " (but the vendor refuses the new refresh token!)"}` : `${recovered.error.code}: re-authorize`,
    };
  } finally {
    front.setMode("pass");
    await api.close();
    await secondApi.close();
    await secondDb.$disconnect();
    await database.drop();
  }
}

export interface MatrixResult {
  rows: FaultRow[];
  /** Scenarios that could not run here, with why. */
  skipped: { fault: string; why: string }[];
}

export async function runFaultMatrix(
  databases: DatabaseFactory,
  front: VendorFront,
  pg: PrivatePostgres | null,
  pgMissing: string | null,
  log: (line: string) => void,
  only: RegExp | null = null,
): Promise<MatrixResult> {
  const rows: FaultRow[] = [];
  const skipped: { fault: string; why: string }[] = [];
  for (const scenario of SCENARIOS.filter((s) => !only || only.test(s.fault))) {
    if (scenario.kind === "postgresql" && !pg) {
      skipped.push({ fault: scenario.fault, why: pgMissing ?? "no private PostgreSQL cluster" });
      continue;
    }
    const started = Date.now();
    const row = await runScenario(scenario, databases, front, pg);
    rows.push(row);
    log(`  ${row.fault} [${row.database}]: ${row.dashboard}; worker ${row.workerValid} / ${row.workerExpired}; retry ${row.retry}; lost ${row.lost}${row.lostWhy.length ? ` (${row.lostWhy.join(", ")})` : ""} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  return { rows, skipped };
}
