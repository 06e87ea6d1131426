/**
 * Faults outside the vendor, each while the refresher's vendor call is held at the front: the
 * process doing the refresh is killed (SIGKILL), PostgreSQL restarts, SQLite is locked by another
 * process.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { holdOneRefresh, LEASE_TTL_SECONDS, refresherPass, type Scenario } from "./fault-scenario";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
/** lib/db.ts opens SQLite with this busy timeout. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

export const POSTGRES_RESTARTS: Scenario[] = [
  {
    fault: "PostgreSQL restarted mid-refresh (restart during the vendor call)",
    kind: "postgresql",
    vendorKeeps: true,
    run: async (ctx) => {
      const held = await holdOneRefresh(ctx, () => refresherPass(ctx));
      await ctx.pg!.restart();
      await held.request.answer();
      await held.running;
    },
  },
  {
    fault: "PostgreSQL restarted mid-refresh (down when the vendor's answer arrives, back 3 s later)",
    kind: "postgresql",
    // The renewed tokens are the only copy once the vendor rotated: Latchkey retries the write while its lease holds.
    vendorKeeps: true,
    run: async (ctx) => {
      const held = await holdOneRefresh(ctx, () => refresherPass(ctx));
      await ctx.pg!.down();
      await held.request.answer();
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await ctx.pg!.up();
      await held.running.catch(() => undefined);
    },
  },
];

export function sqliteLocked(lockMs: number): Scenario {
  return {
    fault: `SQLite locked ${lockMs / 1000} s by another process's exclusive write transaction (busy timeout ${SQLITE_BUSY_TIMEOUT_MS / 1000} s)`,
    kind: "sqlite",
    // Past the busy timeout the write fails once and is retried while the lease holds (lib/tokens/refresh-attempt.ts).
    vendorKeeps: true,
    run: async (ctx) => {
      // Another process: better-sqlite3 waits for a lock synchronously, so a locker in this process could never let go.
      const locker = await sqliteLocker(ctx.database.file!);
      const held = await holdOneRefresh(ctx, () => refresherPass(ctx));
      const lag = eventLoopLag();
      const { released } = await locker.lock(lockMs);
      // The vendor answers while the lock is held: storing the result must wait for it (or fail).
      await held.request.answer();
      await Promise.all([held.running.catch(() => undefined), released]);
      const stalled = lag.stop();
      return {
        note: `The app's event loop stalled for up to ${(stalled / 1000).toFixed(1)} s: better-sqlite3 waits for a lock synchronously, so every request of the instance waits with it.`,
      };
    },
  };
}

/** The longest gap between ticks of a 50 ms timer until stop(), in ms: how long the event loop was blocked. */
function eventLoopLag(): { stop(): number } {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 50);
    last = now;
  }, 50);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(worst, performance.now() - last - 50);
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
export function killedScenario(when: "before" | "after"): Scenario {
  return {
    fault:
      when === "before" ? "Process killed mid-refresh (before the vendor acted)" : "Process killed mid-refresh (after the vendor rotated the refresh token)",
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
