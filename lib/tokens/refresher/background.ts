/**
 * Starts the refresher once per server process (instrumentation.ts → lib/server-start.ts). The
 * flag lives on globalThis because Next may evaluate this module more than once (development
 * reloads, separate bundles). SIGTERM stops it; if no one else listens for SIGTERM, the signal
 * is raised again so the process still ends as it would have.
 */
import type { Config } from "../../env";
import type { Db } from "../../db";
import { startRefresher, type PassOptions, type Refresher } from "./loop";

const STOP_GRACE_MS = 15_000;
const globalForRefresher = globalThis as unknown as { latchkeyRefresher?: { refresher: Refresher; onSigterm: () => void } };

export function startBackgroundRefresher(db: Db, config: Config, options: PassOptions & { intervalMs?: number } = {}): boolean {
  if (globalForRefresher.latchkeyRefresher) return false;
  const refresher = startRefresher(db, config, options);
  const onSigterm = () => {
    globalForRefresher.latchkeyRefresher = undefined;
    // Let a pass in flight store its results, but not for longer than a vendor call may take.
    const grace = new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref());
    void Promise.race([refresher.stop(), grace]).finally(() => {
      if (process.listenerCount("SIGTERM") === 0) process.kill(process.pid, "SIGTERM");
    });
  };
  globalForRefresher.latchkeyRefresher = { refresher, onSigterm };
  process.once("SIGTERM", onSigterm);
  return true;
}

/** Stops this process's refresher, if one runs (tests, or a shutdown hook of its own). */
export async function stopBackgroundRefresher(): Promise<void> {
  const running = globalForRefresher.latchkeyRefresher;
  if (!running) return;
  globalForRefresher.latchkeyRefresher = undefined;
  process.off("SIGTERM", running.onSigterm);
  await running.refresher.stop();
}
