/**
 * `npm run bench`: the dashboard's server time with 10,000 connectors, on a fresh SQLite file and
 * a fresh PostgreSQL database. Measures the real data path (lib/dashboard/queries.ts) in-process
 * and, unless --no-http, the real page and polling route over HTTP from a production server.
 *
 * Options: --count N (10000), --runs N (50, at least 30), --warmup N (5), --db sqlite|postgresql,
 * --no-http. Prints a Markdown table for BENCHMARKS.md. A benchmark, not a test: it asserts nothing
 * about timings, it reports them against the targets.
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { createDb } from "../../lib/db";
import type { DatabaseKind } from "../../lib/env";
import { parseDashboardParams } from "../../lib/dashboard/params";
import { getDashboard } from "../../lib/dashboard/queries";
import { createBenchDatabase, postgresReachable, type BenchDatabase } from "./databases";
import { snapshotApp } from "./app-snapshot";
import { signIn, startApp, timeGet } from "./http";
import { ms, time, type Timing } from "./measure";
import { seedConnectors } from "./seed";

const { values: args } = parseArgs({
  options: {
    count: { type: "string", default: "10000" },
    runs: { type: "string", default: "50" },
    warmup: { type: "string", default: "5" },
    db: { type: "string", multiple: true },
    "no-http": { type: "boolean", default: false },
  },
});
const COUNT = Number(args.count);
const RUNS = Math.max(30, Number(args.runs));
const WARMUP = Number(args.warmup);
/** A fresh `next start` compiles and caches on its first requests: warm each URL longer. */
const HTTP_WARMUP = Math.max(WARMUP, 15);

/** The three dashboard views measured, as URL search parameters. */
const SCENARIOS = [
  { name: "first page", query: "", target: 150 },
  { name: "name search", query: "q=acme+billing", target: 200 },
  { name: "status filter", query: "status=needs_reauth", target: null },
] as const;

interface Row {
  db: DatabaseKind;
  path: string;
  scenario: string;
  timing: Timing;
  target: number | null;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

async function inProcess(bench: BenchDatabase, rows: Row[]): Promise<void> {
  const db = createDb(bench.url);
  try {
    for (const scenario of SCENARIOS) {
      const params = parseDashboardParams(new URLSearchParams(scenario.query));
      const sample = await getDashboard(db, params, new Date());
      log(`  ${scenario.name}: ${sample.matching} matching, ${sample.rows.length} rows on the page`);
      const timing = await time(() => getDashboard(db, params, new Date()), { runs: RUNS, warmup: WARMUP });
      rows.push({ db: bench.kind, path: "in-process getDashboard()", scenario: scenario.name, timing, target: scenario.target });
      log(`  in-process ${scenario.name}: median ${ms(timing.median)}, p95 ${ms(timing.p95)}`);
    }
  } finally {
    await db.$disconnect();
  }
}

async function overHttp(appDir: string, bench: BenchDatabase, rows: Row[]): Promise<void> {
  log("  starting the production server (scripts/start.ts; it builds the app first if the sources changed)…");
  const started = performance.now();
  const app = await startApp(appDir, bench.url);
  log(`  server up in ${ms(performance.now() - started)}`);
  try {
    const cookie = await signIn(app.baseURL);
    for (const scenario of SCENARIOS) {
      const suffix = scenario.query ? `?${scenario.query}` : "";
      const page = await timeGet(`${app.baseURL}/${suffix}`, cookie, "Filter by status", { runs: RUNS, warmup: HTTP_WARMUP });
      rows.push({ db: bench.kind, path: "HTTP GET / (signed-in page)", scenario: scenario.name, timing: page, target: scenario.target });
      log(`  HTTP page ${scenario.name}: median ${ms(page.median)}, p95 ${ms(page.p95)}`);
      const poll = await timeGet(`${app.baseURL}/api/dashboard${suffix}`, cookie, '"counts"', { runs: RUNS, warmup: HTTP_WARMUP });
      rows.push({ db: bench.kind, path: "HTTP GET /api/dashboard (poll)", scenario: scenario.name, timing: poll, target: scenario.target });
      log(`  HTTP poll ${scenario.name}: median ${ms(poll.median)}, p95 ${ms(poll.p95)}`);
    }
  } finally {
    await app.stop();
  }
}

function table(rows: Row[]): string {
  const lines = ["| Database | Path | Scenario | Median | p95 | Min | Max | Target (median) |", "|---|---|---|---:|---:|---:|---:|---|"];
  for (const { db, path, scenario, timing, target } of rows) {
    const verdict = target === null ? "—" : `< ${target} ms: ${timing.median < target ? "met" : "MISSED"}`;
    lines.push(`| ${db} | ${path} | ${scenario} | ${ms(timing.median)} | ${ms(timing.p95)} | ${ms(timing.min)} | ${ms(timing.max)} | ${verdict} |`);
  }
  return lines.join("\n");
}

async function benchmark(kind: DatabaseKind, appDir: string | null, rows: Row[]): Promise<void> {
  if (kind === "postgresql" && !(await postgresReachable())) {
    log("*** PostgreSQL unreachable at 127.0.0.1:5432: skipped ***");
    return;
  }
  log(`== ${kind}: fresh database, migrations`);
  const bench = await createBenchDatabase(kind);
  try {
    const db = createDb(bench.url);
    const seedStart = performance.now();
    const seeded = await seedConnectors(db, { count: COUNT, now: new Date(), chunkSize: 1000 });
    await db.$disconnect();
    log(`  seeded ${seeded.connectors} connectors and ${seeded.tokens} tokens in ${ms(performance.now() - seedStart)}`);
    await inProcess(bench, rows);
    if (appDir) await overHttp(appDir, bench, rows);
  } finally {
    await bench.drop();
  }
}

async function main(): Promise<void> {
  const wanted = (args.db?.length ? args.db : ["sqlite", "postgresql"]) as DatabaseKind[];
  const loadBefore = os.loadavg()[0]!;
  const rows: Row[] = [];
  const snapshot = args["no-http"] ? null : snapshotApp();
  if (snapshot) log(`app snapshot for the HTTP runs: ${snapshot.dir}`);
  try {
    for (const kind of wanted) await benchmark(kind, snapshot?.dir ?? null, rows);
  } finally {
    snapshot?.remove();
  }
  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  console.log(
    `\nDashboard server time, ${COUNT.toLocaleString("en")} connectors, ${RUNS} runs each after ${WARMUP} (in-process) / ${HTTP_WARMUP} (HTTP) warm-up runs`,
  );
  console.log(
    `Machine: ${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}; ${new Date().toISOString()}`,
  );
  console.log(`1-minute load average: ${loadBefore.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end (other processes share the cores)\n`);
  console.log(table(rows));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
