/**
 * `npm run reliability`: measures how Latchkey behaves under faults and hostile input and writes
 * RELIABILITY.md (scripts/reliability/report.ts says what each table means):
 *
 * 1. the fault matrix (fault-matrix.ts), on SQLite and on a private PostgreSQL cluster;
 * 2. fuzzing with fast-check: connector-form submissions through a running app's server actions
 *    (fuzz-form.ts), token responses, proxy paths and redaction in process (properties/), and the
 *    repository's own test/fuzz suite when there is one;
 * 3. load with faults (load.ts): two instances, 64 workers, a flaky token endpoint, one instance
 *    killed and restarted.
 *
 * Exits non-zero when a credential is lost or a fuzzing promise fails. Not part of `npm test`.
 * Options: --seed N (default random), --runs N (fuzz runs per target, default 1000),
 * --load-seconds N (default 60), --only REGEX (fault-matrix rows), --skip matrix,fuzz,load,
 * --no-write (print instead of writing RELIABILITY.md).
 */
import { spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { AppSnapshot } from "../bench/app-snapshot";
import { builtAppSnapshot } from "./app-build";
import { LEASE_TTL_SECONDS, runFaultMatrix } from "./fault-matrix";
import { fuzzConnectorForm } from "./fuzz-form";
import { runLoad } from "./load";
import { privatePostgresUnavailable, startPrivatePostgres, type PrivatePostgres } from "./private-postgres";
import { runProperties } from "./properties/run-properties";
import { failures, renderReport, type ReliabilityReport, type SuiteRun } from "./report";
import { databaseFactory, REDIRECT_URI, sharedSecrets } from "./seed";
import { startVendorFront } from "./vendor-front";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
/** Short-lived access tokens in the load run, so renewals keep happening. */
const LOAD_TOKEN_TTL_SECONDS = 20;
/** The fuzz files this run brings itself (test/fuzz/token-response.fuzz.test.ts runs the same property in `npm test`). */
const OWN_FUZZ_TESTS = new Set(["token-response.fuzz.test.ts"]);

const { values: args } = parseArgs({
  options: {
    seed: { type: "string" },
    runs: { type: "string", default: "1000" },
    "load-seconds": { type: "string", default: "60" },
    only: { type: "string" },
    skip: { type: "string", default: "" },
    "no-write": { type: "boolean", default: false },
  },
});
const seed = args.seed === undefined ? randomInt(2 ** 31) : Number(args.seed);
const runs = Number(args.runs);
const loadSeconds = Number(args["load-seconds"]);
const skip = new Set(args.skip.split(",").filter(Boolean));
const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * The repository's own fuzz tests (test/fuzz/*.fuzz.test.ts other than ours: proxy paths and
 * redaction), run with Vitest under this run's seed (they read FC_SEED) and counted per file;
 * the runs per property are read from the test titles ("… (2000 runs)").
 */
function runFuzzSuite(seed: number): SuiteRun | null {
  const dir = path.join(ROOT, "test", "fuzz");
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".test.ts") && !OWN_FUZZ_TESTS.has(f))
        .map((f) => `test/fuzz/${f}`)
    : [];
  if (!files.length) return null;
  const out = mkdtempSync(path.join(tmpdir(), "latchkey-reliability-vitest-"));
  const started = Date.now();
  try {
    spawnSync(
      process.execPath,
      [path.join(ROOT, "node_modules", "vitest", "vitest.mjs"), "run", ...files, "--reporter=json", `--outputFile=${path.join(out, "report.json")}`],
      {
        cwd: ROOT,
        env: { ...process.env, FC_SEED: String(seed) },
        stdio: "pipe",
        encoding: "utf8",
      },
    );
    const report = JSON.parse(readFileSync(path.join(out, "report.json"), "utf8")) as {
      testResults: { name: string; assertionResults: { title: string; status: string; failureMessages?: string[] }[] }[];
    };
    const perFile = report.testResults.map((result) => ({
      file: path.relative(ROOT, result.name),
      tests: result.assertionResults.map((test) => ({
        title: test.title,
        passed: test.status === "passed",
        runs: Number(/\(([\d,_]+) runs\)/.exec(test.title)?.[1]?.replace(/[,_]/g, "") ?? 0),
        failure: test.failureMessages?.[0]?.split("\n").slice(0, 6).join(" ").slice(0, 500) ?? null,
      })),
    }));
    return { seed, files: perFile, seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    return {
      seed,
      files: files.map((file) => ({
        file,
        tests: [{ title: "the suite did not run", passed: false, runs: 0, failure: error instanceof Error ? error.message : String(error) }],
      })),
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const startedAt = new Date();
  const loadBefore = os.loadavg()[0]!;
  const given = process.argv.slice(2);
  const ran = `npm run reliability${given.length ? ` -- ${given.join(" ")}` : ""}`;
  const replay = `npm run reliability -- --seed ${seed} --runs ${runs} --load-seconds ${loadSeconds}${skip.size ? ` --skip ${[...skip].join(",")}` : ""}${args.only ? ` --only '${args.only}'` : ""}`;
  log(`reliability run, seed ${seed}`);
  const pgMissing = privatePostgresUnavailable();
  const notRun: string[] = [];
  let pg: PrivatePostgres | null = null;
  let snapshot: AppSnapshot | null = null;
  const secrets = sharedSecrets();
  const report: ReliabilityReport = {
    command: ran,
    replay,
    startedAt,
    seconds: 0,
    loadBefore,
    leaseTtlSeconds: LEASE_TTL_SECONDS,
    postgres: "no PostgreSQL",
    matrix: null,
    form: null,
    properties: null,
    fuzzSuite: null,
    load: null,
    notRun,
  };
  // Interrupted: the private cluster and the tree copy must not outlive the run.
  const cleanUpAndExit = () => {
    void pg?.stop().catch(() => undefined);
    snapshot?.remove();
    process.exit(130);
  };
  process.once("SIGINT", cleanUpAndExit);
  process.once("SIGTERM", cleanUpAndExit);
  try {
    if (pgMissing) notRun.push(`the PostgreSQL scenarios and the load run: no private PostgreSQL cluster can be started here (${pgMissing}).`);
    else {
      log("starting a private PostgreSQL cluster…");
      pg = await startPrivatePostgres();
      report.postgres = `PostgreSQL ${pg.version} (a private throwaway cluster)`;
    }
    if (!skip.has("fuzz") || !skip.has("load")) snapshot = builtAppSnapshot(log);

    if (!skip.has("matrix")) {
      log("1. fault matrix");
      const databases = databaseFactory(pg, secrets);
      const front = await startVendorFront({ redirectUris: [REDIRECT_URI] });
      try {
        report.matrix = await runFaultMatrix(databases, front, pg, pgMissing, log, args.only ? new RegExp(args.only) : null);
      } finally {
        await front.close();
        await databases.close();
      }
    }

    if (!skip.has("fuzz")) {
      log("2. fuzzing");
      report.form = await fuzzConnectorForm(snapshot!.dir, { runs, seed }, log);
      report.fuzzSuite = runFuzzSuite(seed);
      for (const file of report.fuzzSuite?.files ?? []) {
        for (const test of file.tests) log(`  ${file.file}: ${test.title}: ${test.passed ? "passed" : `FAILED ${test.failure ?? ""}`}`);
      }
      // Proxy paths and redaction have fuzz tests of their own in test/fuzz; ours run only without them.
      report.properties = runProperties({ runs, seed, only: report.fuzzSuite ? ["Token responses"] : null }, log);
    }

    if (!skip.has("load") && pg) {
      log("3. load with faults");
      const front = await startVendorFront({ redirectUris: [REDIRECT_URI], accessTokenTtlSeconds: LOAD_TOKEN_TTL_SECONDS });
      try {
        report.load = await runLoad(
          snapshot!.dir,
          pg,
          front,
          secrets,
          { durationMs: loadSeconds * 1000, workers: 64, connectors: 4, killAtMs: (loadSeconds * 1000) / 2 },
          LOAD_TOKEN_TTL_SECONDS,
          log,
        );
      } finally {
        await front.close();
      }
      log(
        `  ${report.load.requests} requests, ${report.load.ok} ok; ${report.load.refreshCalls} refresh calls for ${report.load.tokensIssued} tokens; ${report.load.lostRefreshTokens} refresh tokens lost`,
      );
    }
  } finally {
    await pg?.stop().catch(() => undefined);
    snapshot?.remove();
  }

  report.seconds = (Date.now() - startedAt.getTime()) / 1000;
  const markdown = renderReport(report);
  if (args["no-write"]) process.stdout.write(markdown);
  else {
    writeFileSync(path.join(ROOT, "RELIABILITY.md"), markdown);
    log(`wrote RELIABILITY.md (${Math.round(report.seconds)} s)`);
  }
  const failed = failures(report);
  for (const line of failed) log(`FAILED: ${line}`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
