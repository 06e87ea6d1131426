/**
 * The real page over HTTP: starts the production server with the real start command
 * (`scripts/start.ts`: migrations, a build if the sources changed, `next start`) on a benchmark
 * database, signs in through Auth.js's credentials callback with a CSRF token, then times
 * signed-in GETs.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { summarize, type Timing } from "./measure";

export const BENCH_ADMIN = { email: "bench-admin@latchkey.test", password: "bench admin passphrase 1" };

export interface RunningApp {
  baseURL: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

/** Runs `scripts/start.ts` from `appDir` (a snapshot of the tree, see app-snapshot.ts). */
export async function startApp(appDir: string, databaseUrl: string): Promise<RunningApp> {
  const port = await freePort();
  const baseURL = `http://localhost:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-bench-app-"));
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("LATCHKEY_") && k !== "DATABASE_URL" && k !== "AUTH_SECRET"));
  const env: Record<string, string | undefined> = {
    ...inherited,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    LATCHKEY_PUBLIC_URL: baseURL,
    LATCHKEY_DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    LATCHKEY_ADMIN_EMAIL: BENCH_ADMIN.email,
    LATCHKEY_ADMIN_PASSWORD: BENCH_ADMIN.password,
  };
  if (/^postgres/i.test(databaseUrl)) {
    env.LATCHKEY_ENCRYPTION_KEYS = `bench:${Buffer.alloc(32, 3).toString("base64")}`;
    env.AUTH_SECRET = "bench-auth-secret-0123456789abcdef0123456789";
    env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY = Buffer.alloc(32, 4).toString("base64");
  }
  const child = spawn(process.execPath, [path.join(appDir, "node_modules", "tsx", "dist", "cli.mjs"), path.join(appDir, "scripts", "start.ts")], {
    cwd: appDir,
    env: env as NodeJS.ProcessEnv,
    detached: true, // own process group: stop() ends the Next server it starts too
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid, "SIGTERM");
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 600_000; // a first start may build the app (about a minute on 2 cores)
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the app exited (${child.exitCode}):\n${output}`);
    }
    if (
      await fetch(`${baseURL}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { baseURL, stop };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error(`the app did not become healthy:\n${output}`);
}

function cookiesFrom(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!);
}

/** Signs in like a browser would: CSRF token from /api/auth/csrf, then the credentials callback. */
export async function signIn(baseURL: string): Promise<string> {
  const csrf = await fetch(`${baseURL}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesFrom(csrf);
  const response = await fetch(`${baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.join("; "), Origin: baseURL },
    body: new URLSearchParams({ ...BENCH_ADMIN, csrfToken, callbackUrl: `${baseURL}/` }),
  });
  const session = cookiesFrom(response).find((cookie) => cookie.startsWith("latchkey.session="));
  if (!session) throw new Error(`sign-in failed: ${response.status} ${response.headers.get("location")}`);
  return session;
}

/** Times a signed-in GET until the whole body has arrived; checks the status and a marker in the body. */
export async function timeGet(url: string, cookie: string, expect: string, { runs, warmup }: { runs: number; warmup: number }): Promise<Timing> {
  const once = async () => {
    const start = performance.now();
    const response = await fetch(url, { headers: { Cookie: cookie }, redirect: "manual" });
    const body = await response.text();
    const elapsed = performance.now() - start;
    if (response.status !== 200 || !body.includes(expect)) throw new Error(`GET ${url} answered ${response.status} without "${expect}"`);
    return elapsed;
  };
  for (let i = 0; i < warmup; i++) await once();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await once());
  return summarize(samples);
}
