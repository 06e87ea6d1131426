/**
 * Starts a private app instance with the real start command on a free port and a fresh data
 * directory, for specs that need a state the shared servers do not have (no users yet).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export interface SpawnedApp {
  baseURL: string;
  output: () => string;
  stop: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app exited with code ${child.exitCode}`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`app did not become healthy at ${url}`);
}

/** `port`: when the caller must know the URL before the app starts (an SSO callback registered at the test vendor). */
export async function spawnApp(env: Record<string, string> = {}, options: { port?: number } = {}): Promise<SpawnedApp> {
  const port = options.port ?? (await freePort());
  const dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-app-"));
  const baseURL = `http://localhost:${port}`;
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("LATCHKEY_") && k !== "DATABASE_URL" && k !== "AUTH_SECRET"));
  const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/start.ts"], {
    env: {
      ...inherited,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      LATCHKEY_PUBLIC_URL: baseURL,
      LATCHKEY_DATA_DIR: dataDir,
      DATABASE_URL: `file:${path.join(dataDir, "latchkey.db")}`,
      ...env,
    } as Record<string, string> as NodeJS.ProcessEnv,
    detached: true, // own process group, so stop() also ends the Next server it starts
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const stop = async () => {
    if (child.exitCode !== null || !child.pid) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid, "SIGTERM");
    await exited;
  };
  try {
    await waitForHealth(`${baseURL}/api/health`, child, Date.now() + 120_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  return { baseURL, output: () => output, stop };
}
