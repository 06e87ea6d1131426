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
import { createDb } from "../../lib/db";
import { ensureFreshToken } from "../../lib/tokens/service";
import { statusView, TOKEN_STATUS_LABELS } from "../../lib/tokens/status";
import { adminActor } from "../../test/support/token-fixtures";
import { credentialsLost, snapshotCredentials } from "./credentials";
import { refresherPass as pass, LEASE_TTL_SECONDS, type Scenario } from "./fault-scenario";
import { startMachineApi, type WorkerAnswer } from "./machine-api";
import { killedScenario, POSTGRES_RESTARTS, SQLITE_BUSY_TIMEOUT_MS, sqliteLocked } from "./process-faults";
import type { PrivatePostgres } from "./private-postgres";
import { authorizedConnector, KIND_LABEL, type DatabaseFactory, type Kind, type ScenarioDatabase } from "./seed";
import type { TokenFault, VendorFront } from "./vendor-front";

export { LEASE_TTL_SECONDS };

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
  /** Something the columns do not show. */
  note: string | null;
}

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
  ...POSTGRES_RESTARTS,
  sqliteLocked(2_000),
  sqliteLocked(SQLITE_BUSY_TIMEOUT_MS + 3_000),
];

const show = (answer: WorkerAnswer) =>
  `${answer.status} ${answer.what}${answer.retryAfter ? `, Retry-After ${answer.retryAfter}` : ""}${answer.ms >= 500 ? ` (${(answer.ms / 1000).toFixed(1)} s)` : ""}`;

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
      note: outcome.note ?? null,
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
    log(
      `  ${row.fault} [${row.database}]: ${row.dashboard}; worker ${row.workerValid} / ${row.workerExpired}; retry ${row.retry}; lost ${row.lost}${row.lostWhy.length ? ` (${row.lostWhy.join(", ")})` : ""} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
  return { rows, skipped };
}
