/**
 * RELIABILITY.md: what each table means, the three tables, the command, date and machine, and
 * a list of everything that failed. All of it is written by `npm run reliability`.
 */
import os from "node:os";
import type { MatrixResult } from "./fault-matrix";
import type { FormFuzzResult } from "./fuzz-form";
import type { LoadResult } from "./load";
import type { PropertyResult } from "./properties/run-properties";

export interface SuiteRun {
  seed: number;
  files: { file: string; tests: { title: string; passed: boolean; runs: number; failure: string | null }[] }[];
  seconds: number;
}

export interface ReliabilityReport {
  /** The command as it was run. */
  command: string;
  /** The same run with every choice spelled out (the seed above all). */
  replay: string;
  startedAt: Date;
  seconds: number;
  loadBefore: number;
  leaseTtlSeconds: number;
  /** "PostgreSQL 15, a private throwaway cluster", or why there is none. */
  postgres: string;
  matrix: MatrixResult | null;
  form: FormFuzzResult | null;
  properties: PropertyResult[] | null;
  fuzzSuite: SuiteRun | null;
  load: LoadResult | null;
  /** Parts that could not run, with why. */
  notRun: string[];
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** Everything that broke a promise; the run exits non-zero when this is not empty. */
export function failures(report: ReliabilityReport): string[] {
  const out: string[] = [];
  for (const row of report.matrix?.rows ?? [])
    if (row.lost > 0) out.push(`Fault matrix, "${row.fault}" [${row.database}]: ${row.lost} credential(s) lost (${row.lostWhy.join("; ")}).`);
  const form = report.form;
  if (form) {
    if (form.unexpected > 0) out.push(`Connector form: ${form.unexpected} unexpected error(s).`);
    if (form.invalidStored > 0) out.push(`Connector form: ${form.invalidStored} invalid record(s) stored.`);
    if (form.refusalsWithoutField > 0) out.push(`Connector form: ${form.refusalsWithoutField} refusal(s) that name no field.`);
    if (form.runs < 1000) out.push(`Connector form: only ${form.runs} submissions (at least 1,000 asked).`);
  }
  for (const property of report.properties ?? []) if (property.failed) out.push(`${property.name}: ${property.counterexample}`);
  for (const file of report.fuzzSuite?.files ?? [])
    for (const test of file.tests) if (!test.passed) out.push(`${file.file}, "${test.title}": ${test.failure ?? "failed"}`);
  const load = report.load;
  if (load) {
    if (load.lostRefreshTokens > 0) out.push(`Load: ${load.lostRefreshTokens} refresh token(s) lost (${load.lostDetail.join("; ")}).`);
    if (load.stalePresentations > 0) out.push(`Load: ${load.stalePresentations} refresh request(s) presented a refresh token the vendor had already replaced.`);
  }
  return out;
}

function machineLine(report: ReliabilityReport): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  return (
    `Measured ${report.startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC on ${cpu}, ${os.cpus().length} cores (shared with other work: 1-minute load average ` +
    `${report.loadBefore.toFixed(1)} before the run, ${os.loadavg()[0]!.toFixed(1)} after), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ` +
    `${report.postgres}, everything on loopback. The run took ${Math.round(report.seconds / 60)} min ${Math.round(report.seconds % 60)} s.`
  );
}

function matrixSection(report: ReliabilityReport): string {
  const matrix = report.matrix;
  const lines = [
    "## 1. Fault matrix",
    "",
    `One scenario per fault, each on a fresh database with one connector authorized for real at the test vendor (oidc-provider, refresh tokens rotate on every use) through a faulty front that injects the fault into token requests (scripts/reliability/vendor-front.ts). The connector's access token is still valid for an hour but due for renewal. Then: the background refresher runs one pass (\`refreshDueTokens\` → \`ensureFreshToken\` → the vendor) under the fault; a sync worker asks for the token (\`GET /api/v1/connectors/{id}/token\` through \`machineApiNodeHandler\` on node:http); the token is made to expire and a worker asks again (through a second instance's handler, whose token cache has not seen it); the fault is healed and an admin's *Refresh now* shows whether the connector recovers. Lease TTL ${report.leaseTtlSeconds} s (the default is 30 s; shorter so a dead process's lease runs out quickly), so a vendor call may take ${report.leaseTtlSeconds / 2} s.`,
    "",
    "- **Dashboard**: the status label (`TOKEN_STATUS_LABELS` of `statusView`) after the failed renewal → after the token expired, and the failure reason shown beside it.",
    "- **Worker, token valid / expired**: HTTP status and the machine API's error code (with the classified OAuth error) a worker gets; Retry-After when sent; the wait when it is long.",
    "- **Refresher retries**: when the next automatic attempt may run (`nextAttemptAt − now`, jittered backoff; Retry-After honoured), or why none will.",
    "- **Credentials lost**: the client secret and the refresh token are compared before and after (decrypted). The refresh token must be the newest one the vendor issued *and delivered* to Latchkey: one whose answer never arrived (cut, process killed) was never Latchkey's to keep, and is shown in the next column instead. Must be 0 in every row; the run exits non-zero otherwise.",
    "- **Vendor accepts stored refresh token**: RFC 7662 introspection at the vendor after the fault (before recovery), which does not spend it.",
    "- **After Refresh now**: an admin's forced renewal once the vendor is healthy again.",
    "",
  ];
  if (!matrix) return [...lines, "*Not run.*"].join("\n");
  lines.push(
    "| Fault | Database | Dashboard | Worker, token valid | Worker, token expired | Refresher retries | Credentials lost | Vendor accepts stored refresh token | After Refresh now |",
    "|---|---|---|---|---|---|---:|---|---|",
  );
  for (const row of matrix.rows) {
    lines.push(
      `| ${cell(row.fault)} | ${row.database} | ${cell(row.dashboard)} | ${cell(row.workerValid)} | ${cell(row.workerExpired)} | ${cell(row.retry)} | ${row.lost === 0 ? "0" : `**${row.lost}**: ${cell(row.lostWhy.join("; "))}`} | ${cell(row.vendorAccepts)} | ${cell(row.recovery)} |`,
    );
  }
  for (const skipped of matrix.skipped) lines.push(`| ${cell(skipped.fault)} | — | not run here: ${cell(skipped.why)} | | | | | | |`);
  return [...lines, "", ...matrixNotes(matrix)].join("\n");
}

/** What the rows say, from the rows themselves. */
function matrixNotes(matrix: MatrixResult): string[] {
  const notes: string[] = [];
  const rows = matrix.rows;
  for (const row of rows) if (row.note) notes.push(`- "${row.fault}": ${row.note}`);
  if (rows.length && rows.every((row) => row.workerValid.startsWith("200"))) {
    notes.push(
      "- While the stored access token is still valid, a worker gets it (200) under every fault: a failed or paused renewal does not take a working token away.",
    );
  }
  const waited = rows.filter((row) => /\(\d+(\.\d)? s\)$/.test(row.workerValid));
  if (waited.length) {
    notes.push(
      `- ${waited.map((row) => `"${row.fault}"`).join(", ")}: the worker's request for a still-valid token waited (${waited.map((row) => /\(([\d.]+ s)\)$/.exec(row.workerValid)?.[1]).join(", ")}) because the renewal was due and a lease left by a refresh that never finished (a killed process, a write that failed) blocked it until the lease ran out; the flight waits for the lease instead of handing out the stored token meanwhile. With the default 30 s lease that wait can reach 30 s.`,
    );
  }
  const transient = rows.filter((row) => row.workerExpired.startsWith("502"));
  if (transient.length) {
    notes.push(
      `- Once the token has expired, a worker gets 502 \`upstream_refused\` with the classified OAuth error and a Retry-After equal to the connector's backoff (${transient.length} rows): the vendor is not called again before the backoff ends, however many workers ask.`,
    );
  }
  const lost = rows.filter((row) => row.lost > 0);
  if (lost.length) {
    notes.push(
      `- **Lost** (${lost.map((row) => `"${row.fault}"`).join(", ")}): the vendor rotated the refresh token and its answer reached Latchkey, but writing the new token set failed (the database was unreachable, or busy beyond the SQLite busy timeout) and nothing retried the write while the lease still held. The new refresh token existed only in memory and was dropped; the next attempt presented the spent one and got invalid_grant, so the connector needs re-authorization.`,
    );
  }
  const spent = rows.filter((row) => row.lost === 0 && row.vendorAccepts.startsWith("no") && !row.fault.startsWith("invalid_grant"));
  if (spent.length) {
    notes.push(
      `- ${spent.map((row) => `"${row.fault}"`).join(", ")}: the vendor spent the refresh token in an exchange whose answer never reached Latchkey. No client can recover that token; what Latchkey controls is saying so, and the dashboard does (Needs re-authorization once the next attempt meets invalid_grant; "interrupted" when it took over a dead process's lease).`,
    );
  }
  return notes.length ? ["Reading the rows:", "", ...notes] : [];
}

function fuzzSection(report: ReliabilityReport): string {
  const lines = [
    "## 2. Fuzzing",
    "",
    "Property-based tests with fast-check; each row gives the seed, so `--seed` replays it. *Connector form*: generated submissions (each field mostly valid, sometimes hostile: loopback and metadata addresses, credentials or fragments in URLs, control characters, reserved headers and parameters, oversized text, wrong JSON types, missing and unknown fields) posted as the browser posts server actions to a running production app (started with e2e/support/spawn-app.ts, signed in as an admin): four in five to `createConnectorAction`, one in five to `updateConnectorAction` on a connector created earlier. An *unexpected error* is an HTTP status of 500 or more, an answer without an action result, or the action wrapper's INTERNAL result; every refusal must name a form field; afterwards every stored connector is read back and must be a fixed point of the shared zod schema (lib/connectors/schema.ts). *Token responses* runs in process (the same property runs in `npm test` as test/fuzz/token-response.fuzz.test.ts). Proxy paths and redaction are the repository's own fuzz tests (test/fuzz), run with Vitest under this run's seed (`FC_SEED`) and counted here; when they are absent, equivalent properties of scripts/reliability/properties run instead.",
    "",
    "| Target | Through | Runs | Seed | Promise checked | Result |",
    "|---|---|---:|---:|---|---|",
  ];
  const form = report.form;
  if (form) {
    const ok = form.unexpected === 0 && form.invalidStored === 0 && form.refusalsWithoutField === 0;
    lines.push(
      `| Connector form | \`createConnectorAction\` / \`updateConnectorAction\` of the running app | ${form.runs} (${form.creates} creates, ${form.updates} updates) | ${form.seed} | 0 unexpected errors, 0 invalid records stored, every refusal names a field | ${ok ? "held" : "**failed**"}: ${form.accepted} accepted, ${form.refused} refused, ${form.unexpected} unexpected, ${form.refusalsWithoutField} refusals naming no field; ${form.stored} stored, ${form.invalidStored} invalid |`,
    );
  } else lines.push("| Connector form | — | — | — | — | not run |");
  for (const property of report.properties ?? []) {
    lines.push(
      `| ${property.name} | \`${property.through}\` | ${property.runs} | ${property.seed} | ${cell(property.claim)} | ${property.failed ? `**failed**: ${cell(property.counterexample ?? "")}` : "held"} |`,
    );
  }
  for (const file of report.fuzzSuite?.files ?? []) {
    for (const test of file.tests) {
      lines.push(
        `| ${cell(file.file.replace(/^test\/fuzz\//, "").replace(/\.fuzz\.test\.ts$/, ""))} (test/fuzz) | \`${file.file}\` (Vitest, FC_SEED) | ${test.runs || "?"} | ${report.fuzzSuite!.seed} | ${cell(test.title)} | ${test.passed ? "held" : `**failed**: ${cell(test.failure ?? "")}`} |`,
      );
    }
  }
  if (form?.examples.length) lines.push("", "Failing connector-form submissions (first few, shortened):", "", ...form.examples.map((e) => `- \`${cell(e)}\``));
  return lines.join("\n");
}

function loadSection(report: ReliabilityReport): string {
  const load = report.load;
  const lines = ["## 3. Load with faults", ""];
  if (!load) return [...lines, "*Not run.*"].join("\n");
  lines.push(
    `Two production app instances (\`scripts/start.ts\`: migrations, \`next start\`, the machine API on its own port through lib/proxy/node-handler.ts) share one ${load.database}. ${load.options.workers} sync workers, half on each instance, call \`GET /api/v1/connectors/{id}/proxy/items\` for ${load.options.durationMs / 1000} s, spread over ${load.options.connectors} connectors authorized at the test vendor just before. The vendor's token endpoint answers every other refresh request with 503 and issues access tokens that live ${load.tokenTtlSeconds} s, so renewals keep happening (each instance's background refresher and the workers' own requests trigger them). At ${load.restart.killedAtS.toFixed(0)} s instance A is killed (SIGKILL to its process group) and started again with the same command; it served again ${load.restart.downSeconds.toFixed(1)} s later (migrations on PostgreSQL take about ten seconds of that). A worker that gets anything but a 200 waits 250 ms before its next request.`,
    "",
    "- **Lost refresh tokens**: every refresh request must present the newest refresh token the vendor issued for its grant (the vendor front records each exchange), and at the end every connector's stored refresh token must be that newest one and still active at the vendor (introspection).",
    "",
    "| Measure | Value |",
    "|---|---:|",
    `| Requests sent | ${load.requests} |`,
    `| Requests answered (an HTTP response) | ${load.answered} (${((load.answered / Math.max(1, load.requests)) * 100).toFixed(1)}%) |`,
    `| 200 from the vendor's API | ${load.ok} (${((load.ok / Math.max(1, load.requests)) * 100).toFixed(1)}%) |`,
    `| Vendor refresh calls | ${load.refreshCalls} (${load.refreshFailures} answered 503 or failed) |`,
    `| Tokens issued by refresh | ${load.tokensIssued} |`,
    `| Refresh calls per token issued | ${load.tokensIssued ? (load.refreshCalls / load.tokensIssued).toFixed(2) : "—"} |`,
    `| Refresh requests presenting a replaced refresh token | ${load.stalePresentations} |`,
    `| Lost refresh tokens | ${load.lostRefreshTokens}${load.lostDetail.length ? ` (${cell(load.lostDetail.join("; "))})` : ""} |`,
    `| Vendor API answers 401: the token had expired / the vendor never issued it | ${load.apiAnswers["401 expired"] ?? 0} / ${load.apiAnswers["401 unknown"] ?? 0} |`,
    "",
    "| Answer or error | Count | Share |",
    "|---|---:|---:|",
  );
  for (const [what, n] of Object.entries(load.classes).sort((a, b) => b[1] - a[1])) {
    const label =
      what === "ECONNREFUSED"
        ? "ECONNREFUSED (instance A down)"
        : what === "UND_ERR_SOCKET" || what === "ECONNRESET"
          ? `${what} (connection closed when instance A was killed)`
          : what;
    lines.push(`| ${cell(label)} | ${n} | ${((n / Math.max(1, load.requests)) * 100).toFixed(1)}% |`);
  }
  lines.push("", `Answers per 10 s window (200 / other): ${load.timeline.map(([ok, err], i) => `${i * 10}–${i * 10 + 10} s: ${ok} / ${err}`).join("; ")}.`);
  const notes: string[] = [];
  if (Object.keys(load.classes).some((what) => what.startsWith("502 upstream_refused"))) {
    notes.push(
      `- \`502 upstream_refused\`: a refresh met the vendor's 503, the connector backs off (a first transient failure waits 15–30 s) and its ${load.tokenTtlSeconds} s access token expired before the next allowed attempt. Workers are told so, with Retry-After, instead of the vendor being called more often. Short-lived tokens and a flaky token endpoint are where that choice shows.`,
    );
  }
  const expired401 = load.apiAnswers["401 expired"] ?? 0;
  if (expired401 > 0) {
    notes.push(
      `- The vendor's API answered 401 to ${expired401} requests whose access token had expired by the time it arrived; on a 401 the proxy renews once and sends the request again, and the worker gets that second answer.`,
    );
  }
  if (notes.length) lines.push("", "Reading the figures:", "", ...notes);
  return lines.join("\n");
}

export function renderReport(report: ReliabilityReport): string {
  const failed = failures(report);
  return [
    "# Reliability",
    "",
    "How Latchkey behaves under faults and hostile input, measured. Every figure below is written by one command:",
    "",
    "```sh",
    report.command,
    "```",
    "",
    `To replay the same generated inputs: \`${report.replay}\`.`,
    "",
    machineLine(report),
    "",
    "The run starts its own throwaway PostgreSQL cluster on a free port (initdb and pg_ctl as the `postgres` OS user, data under /tmp) so it can restart PostgreSQL in the middle of a refresh without touching any shared server, builds the app in a private copy of the tree, and exits non-zero when a credential is lost or a fuzzing promise fails. It is not part of `npm test`.",
    "",
    failed.length
      ? ["**Failures in this run** (the command exited non-zero):", "", ...failed.map((f) => `- ${cell(f)}`)].join("\n")
      : "**No failures in this run**: no credential lost, every fuzzing promise held.",
    ...(report.notRun.length ? ["", ...report.notRun.map((n) => `Not run: ${n}`)] : []),
    "",
    matrixSection(report),
    "",
    fuzzSection(report),
    "",
    loadSection(report),
    "",
  ].join("\n");
}
