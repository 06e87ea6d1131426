/**
 * What one fault-matrix scenario is, and the plumbing scenarios share: a fresh database with one
 * authorized connector whose token is due, the faulty vendor front, and a way to hold the
 * refresher's vendor call at the front while the run breaks something else.
 */
import { refreshDueTokens, type PassReport } from "../../lib/tokens/refresher/loop";
import { waitUntil } from "../../test/support/scripted-server";
import type { PrivatePostgres } from "./private-postgres";
import type { Kind, ScenarioDatabase } from "./seed";
import type { VendorFront } from "./vendor-front";

/** Shorter than the default 30 s so a dead owner's lease runs out quickly; the vendor call may last half of it (5 s). */
export const LEASE_TTL_SECONDS = 10;

export interface Scenario {
  fault: string;
  kind: Kind;
  /** Runs the refresh under the fault; returns what the retry column says when the stored row does not tell, and a note. */
  run(ctx: ScenarioContext): Promise<{ retry?: string; note?: string } | void>;
  /** Whether the vendor is expected to still accept the stored refresh token after the fault. */
  vendorKeeps: boolean;
  /** Why the vendor no longer accepts it, when it does not. */
  why?: string;
}

export interface ScenarioContext {
  database: ScenarioDatabase;
  front: VendorFront;
  connectorId: string;
  pg: PrivatePostgres | null;
}

/** One background-refresher pass in this process. */
export const refresherPass = (ctx: ScenarioContext): Promise<PassReport> => refreshDueTokens(ctx.database.db, ctx.database.config);

/** Starts `start` and waits until its refresh request is held at the front. */
export async function holdOneRefresh<T>(ctx: ScenarioContext, start: () => Promise<T>) {
  ctx.front.setMode("hold");
  const running = start();
  // Marked as handled now: a pass that fails while the run waits must not end the process.
  running.catch(() => undefined);
  await waitUntil(() => ctx.front.held.length === 1, "the refresh request is held at the vendor front");
  const request = ctx.front.held.splice(0)[0]!;
  ctx.front.setMode("pass");
  return { request, running };
}
