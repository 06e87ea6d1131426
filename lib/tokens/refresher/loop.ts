/**
 * The background refresher: every `intervalMs` it renews the connectors that are due
 * (select-due.ts) through ensureFreshToken, a bounded number at a time, and sends the
 * "re-authorization due" alerts (reauthorization-due.ts). Failures are stored by
 * the flight itself (status, failure count, next attempt with backoff and Retry-After), so a
 * connector that failed is simply not selected again before its time. Several instances may run
 * it at once: the lease keeps it to one vendor call per connector.
 */
import type { Config } from "../../env";
import type { Db } from "../../db";
import { SYSTEM_ACTOR } from "../../events";
import { describeError } from "../../log/safe-error";
import { ensureFreshToken, type FreshTokenResult } from "../fresh-token";
import { runBounded } from "./pool";
import { alertReauthorizationDue } from "./reauthorization-due";
import { selectDueConnectors } from "./select-due";

export const DEFAULT_INTERVAL_MS = 15_000;
export const DEFAULT_CONCURRENCY = 4;

export interface PassOptions {
  concurrency?: number;
  /** Connectors taken per pass; the rest wait for the next one. */
  batchSize?: number;
  now?: () => Date;
  random?: () => number;
  /** How one connector is renewed; ensureFreshToken as "system" by default (tests replace it). */
  refresh?: (connectorId: string) => Promise<FreshTokenResult>;
}

export interface PassReport {
  selected: number;
  renewed: number;
  failed: number;
  /** Calls that threw (a bug or the database, not the vendor); logged by class only. */
  crashed: number;
  /** "Re-authorization due" alerts claimed in this pass. */
  reauthorizationAlerts: number;
}

export async function refreshDueTokens(db: Db, config: Config, options: PassOptions = {}): Promise<PassReport> {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const now = (options.now ?? (() => new Date()))();
  const due = await selectDueConnectors(db, now, options.batchSize ?? concurrency * 25);
  const refresh = options.refresh ?? ((connectorId: string) => ensureFreshToken(db, config, connectorId, { actor: SYSTEM_ACTOR, random: options.random }));
  const results = await runBounded(due, concurrency, refresh);
  const report: PassReport = { selected: due.length, renewed: 0, failed: 0, crashed: 0, reauthorizationAlerts: await alertReauthorizationDue(db, config, now) };
  for (const result of results) {
    if (result.status === "rejected") {
      report.crashed += 1;
      console.error(`latchkey: background refresh failed: ${describeError(result.reason)}`);
    } else if (result.value.ok && !result.value.renewalFailure) report.renewed += 1;
    else report.failed += 1;
  }
  return report;
}

export interface Refresher {
  /** Stops scheduling passes and waits for the one running, if any. */
  stop(): Promise<void>;
}

export function startRefresher(db: Db, config: Config, options: PassOptions & { intervalMs?: number } = {}): Refresher {
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = refreshDueTokens(db, config, options)
        .catch((error: unknown) => console.error(`latchkey: refresher pass failed: ${describeError(error)}`))
        .finally(schedule);
    }, intervalMs);
    // The refresher alone must not keep a process alive.
    timer.unref();
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
