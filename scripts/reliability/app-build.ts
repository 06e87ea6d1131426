/**
 * The production app the reliability run starts (for the form fuzzing and the load run), built in
 * a private copy of the working tree (scripts/bench/app-snapshot.ts), so the build lands in the
 * copy's `.next` and never under other people's running servers or end-to-end runs. Built here,
 * once, before any instance starts: `scripts/start.ts` then finds the build current and only
 * migrates and serves.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { snapshotApp, type AppSnapshot } from "../bench/app-snapshot";

export function builtAppSnapshot(log: (line: string) => void): AppSnapshot {
  log("copying the working tree and building the app there (next build)…");
  const snapshot = snapshotApp();
  const started = Date.now();
  const result = spawnSync(process.execPath, [path.join(snapshot.dir, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: snapshot.dir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
    stdio: "pipe",
  });
  if (result.status !== 0) {
    snapshot.remove();
    throw new Error(`next build failed in the snapshot (exit ${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  }
  log(`  built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return snapshot;
}
