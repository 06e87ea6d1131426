/**
 * `npm start`: validate configuration, apply migrations, build when the sources changed since
 * the last build, then serve on $PORT (default 3000). `--dev` runs the development server.
 *
 * Failing configuration ends here with a one-line message naming the variable and exit code 1.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig, type Config } from "../lib/env";

const ROOT = path.resolve(import.meta.dirname, "..");
const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "instrumentation.ts",
  "next.config.js",
  "postcss.config.mjs",
  "package-lock.json",
  "tsconfig.json",
  "generated",
];
const dev = process.argv.includes("--dev");

function fail(message: string): never {
  console.error(`latchkey: ${message}`);
  process.exit(1);
}

function loadOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(entry).reduce((newest, child) => Math.max(newest, newestMtime(path.join(entry, child))), stats.mtimeMs);
}

function needsBuild(): boolean {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  return SOURCES.some((source) => newestMtime(path.join(ROOT, source)) > builtAt);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, what: string): void {
  const result = spawnSync(command, args, { cwd: ROOT, env, stdio: "inherit", encoding: "utf8" });
  if (result.status !== 0) fail(`${what} failed (exit ${result.status ?? result.signal})`);
}

const config = loadOrExit();
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: config.databaseUrl };
const prismaCli = path.join(ROOT, "node_modules", "prisma", "build", "index.js");
const nextCli = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

if (config.databaseKind === "sqlite") {
  const file = config.databaseUrl.slice("file:".length);
  mkdirSync(path.dirname(path.resolve(ROOT, file)), { recursive: true });
}
console.log(`latchkey: applying migrations (${config.databaseKind})`);
applyMigrations();

/**
 * `prisma migrate deploy`. Instances started together on one PostgreSQL database queue on
 * Prisma's advisory lock, and the first one holds it through the JS engine's ~10 s exit delay,
 * longer than the others wait (P1002): a lock time-out is tried again, anything else fails.
 */
function applyMigrations(attempts = 4): void {
  for (let attempt = 1; ; attempt++) {
    const result = spawnSync(process.execPath, [prismaCli, "migrate", "deploy"], { cwd: ROOT, env, stdio: "pipe", encoding: "utf8" });
    if (result.status === 0) return;
    const output = `${result.stdout}${result.stderr}`;
    if (attempt < attempts && /P1002|advisory lock/i.test(output)) {
      console.log("latchkey: another instance is applying migrations; waiting for it");
      continue;
    }
    process.stderr.write(output);
    fail(`applying database migrations failed (exit ${result.status ?? result.signal})`);
  }
}

if (!dev && needsBuild()) {
  console.log("latchkey: building the app (first start or sources changed)");
  run(process.execPath, [nextCli, "build"], env, "next build");
}

const port = process.env.PORT ?? "3000";
const hostname = process.env.HOSTNAME ?? "0.0.0.0";
console.log(`latchkey: serving on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port} (public URL ${config.publicUrl})`);
const server = spawn(process.execPath, [nextCli, dev ? "dev" : "start", "--port", port, "--hostname", hostname], { cwd: ROOT, env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
