/**
 * Processes for the proxy benchmark: child programs that print `READY <port>` (the upstream, the
 * bare forwarder, the proxy core on node:http), the production app started with the real start
 * command, and peak memory of a process tree from /proc.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");

export interface Child {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || !child.pid) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid, "SIGTERM");
    await exited;
  };
}

/** Runs `scripts/bench/<file>` with tsx in its own process group and waits for `READY <port>`. */
export function startChild(file: string, args: string[] = [], env: NodeJS.ProcessEnv = process.env): Promise<Child> {
  const child = spawn(process.execPath, [TSX, path.join(ROOT, "scripts", "bench", file), ...args], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk;
      const ready = /READY (\d+)/.exec(output);
      if (ready) resolve({ url: `http://127.0.0.1:${ready[1]}`, pid: child.pid!, stop: stopper(child) });
    });
    child.once("exit", (code) => reject(new Error(`${file} exited (${code}):\n${output}`)));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

/**
 * The production app via `scripts/start.ts` (migrations, a build if the sources changed,
 * `next start`), run from `appDir`: a snapshot of the tree (app-snapshot.ts), so a build lands in
 * the snapshot's `.next` and never under other people's running servers.
 */
export async function startApp(env: NodeJS.ProcessEnv, port: number, appDir: string): Promise<Child> {
  const child = spawn(process.execPath, [path.join(appDir, "node_modules", "tsx", "dist", "cli.mjs"), path.join(appDir, "scripts", "start.ts")], {
    cwd: appDir,
    env: { ...env, PORT: String(port), HOSTNAME: "127.0.0.1" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const stop = stopper(child);
  const deadline = Date.now() + 900_000; // a first start may build the app
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}):\n${output}`);
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, pid: child.pid!, stop };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error(`the app did not become healthy:\n${output}`);
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(" ").filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

function statusKb(pid: number, field: "VmHWM" | "VmRSS"): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** The largest peak resident set (VmHWM) in the process tree under `pid`, in MiB: the server process. */
export function peakRssMiB(pid: number): { mib: number; pid: number } {
  let best = { mib: 0, pid };
  const visit = (current: number) => {
    const mib = statusKb(current, "VmHWM") / 1024;
    if (mib > best.mib) best = { mib, pid: current };
    childrenOf(current).forEach(visit);
  };
  visit(pid);
  return best;
}
