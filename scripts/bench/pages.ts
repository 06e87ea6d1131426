/**
 * `npm run bench:pages`: the JavaScript a browser receives on a page's first load, on the wire
 * (compressed, as `next start` sends it), for the dashboard, the new-connector page and a
 * connector's Overview tab. Issue 13's targets: dashboard ≤ 150 kB, new connector ≤ 180 kB.
 *
 * The production server runs the way `npm run bench` runs it (a snapshot of the working tree,
 * `scripts/start.ts`, a fresh SQLite database with an admin and a few seeded connectors). Each
 * page is loaded signed in, in a new browser context (an empty cache), and every script response
 * until the network is idle is summed: its body as received (`request.sizes().responseBodySize`,
 * the encoded size) and its decoded size. Options: --verbose lists each script.
 * A measurement, not a test: it prints a Markdown table for BENCHMARKS.md and asserts nothing.
 */
import { existsSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { chromium, type Browser, type Request } from "@playwright/test";
import { createDb } from "../../lib/db";
import { snapshotApp } from "./app-snapshot";
import { createBenchDatabase } from "./databases";
import { signIn, startApp } from "./http";
import { seedConnectors } from "./seed";

// Not strict: `npm run bench -- --db sqlite` appends its options to this last command too.
const { values: args } = parseArgs({ options: { verbose: { type: "boolean", default: false } }, strict: false });

const CONNECTORS = 12;

interface PageSpec {
  name: string;
  path: string;
  /** The path as the table shows it (`{id}` for a seeded connector's id). */
  shown: string;
  /** Target for the JavaScript on the wire, in kB (1,000 bytes), or null when the issue sets none. */
  target: number | null;
}

interface Script {
  url: string;
  wire: number;
  decoded: number;
  encoding: string;
  /** Named by the page's HTML; the others were asked for later (prefetches for the next click, lazy chunks). */
  inDocument: boolean;
  beforeLoad: boolean;
}

interface Measured extends PageSpec {
  scripts: Script[];
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const sum = (scripts: Script[], key: "wire" | "decoded") => scripts.reduce((total, s) => total + s[key], 0);

async function scriptOf(request: Request, beforeLoad: boolean): Promise<Omit<Script, "inDocument"> | null> {
  const response = await request.response();
  if (!response || !response.ok()) return null;
  const [sizes, body] = await Promise.all([request.sizes(), response.body()]);
  return { url: request.url(), wire: sizes.responseBodySize, decoded: body.length, encoding: response.headers()["content-encoding"] ?? "none", beforeLoad };
}

/** One first load: a fresh context (empty cache) with the session cookie, until the network is idle. */
async function measure(browser: Browser, baseURL: string, cookie: string, spec: PageSpec): Promise<Measured> {
  const [name, value] = [cookie.slice(0, cookie.indexOf("=")), cookie.slice(cookie.indexOf("=") + 1)];
  const context = await browser.newContext({ baseURL });
  await context.addCookies([{ name, value, url: baseURL }]);
  const page = await context.newPage();
  const pending: Promise<Omit<Script, "inDocument"> | null>[] = [];
  const askedBeforeLoad = new Set<Request>();
  let loaded = false;
  page.on("load", () => (loaded = true));
  page.on("request", (request) => {
    if (!loaded) askedBeforeLoad.add(request);
  });
  page.on("requestfinished", (request) => {
    if (request.resourceType() === "script") pending.push(scriptOf(request, askedBeforeLoad.has(request)));
  });
  try {
    const response = await page.goto(spec.path, { waitUntil: "networkidle" });
    const landed = new URL(page.url()).pathname;
    if (!response?.ok() || landed !== spec.path) throw new Error(`${spec.path} answered ${response?.status()} at ${landed}`);
    const html = await response.text();
    const scripts = (await Promise.all(pending)).filter((s) => s !== null).map((s) => ({ ...s, inDocument: html.includes(new URL(s.url).pathname) }));
    return { ...spec, scripts };
  } finally {
    await context.close();
  }
}

function table(results: Measured[]): string {
  const lines = ["| Page | Path | Scripts | JavaScript on the wire | Decoded | Target (on the wire) |", "|---|---|---:|---:|---:|---|"];
  for (const r of results) {
    const wire = sum(r.scripts, "wire");
    const verdict = r.target === null ? "—" : `≤ ${r.target} kB: ${wire <= r.target * 1000 ? "met" : "MISSED"}`;
    lines.push(`| ${r.name} | \`${r.shown}\` | ${r.scripts.length} | ${kB(wire)} | ${kB(sum(r.scripts, "decoded"))} | ${verdict} |`);
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  const loadBefore = os.loadavg()[0]!;
  const snapshot = snapshotApp();
  log(`app snapshot: ${snapshot.dir}`);
  const bench = await createBenchDatabase("sqlite");
  let browser: Browser | null = null;
  let stopApp: (() => Promise<void>) | null = null;
  try {
    const db = createDb(bench.url);
    await seedConnectors(db, { count: CONNECTORS, now: new Date() });
    const connector = await db.connector.findFirstOrThrow({ orderBy: { name: "asc" }, select: { id: true } });
    await db.$disconnect();
    log("starting the production server (scripts/start.ts; it builds the app first if the sources changed)…");
    const app = await startApp(snapshot.dir, bench.url);
    stopApp = app.stop;
    const cookie = await signIn(app.baseURL);
    browser = await chromium.launch({
      executablePath: existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    const pages: PageSpec[] = [
      { name: "Dashboard", path: "/", shown: "/", target: 150 },
      { name: "New connector", path: "/connectors/new", shown: "/connectors/new", target: 180 },
      { name: "Connector Overview", path: `/connectors/${connector.id}`, shown: "/connectors/{id}", target: null },
    ];
    const results: Measured[] = [];
    for (const spec of pages) {
      const result = await measure(browser, app.baseURL, cookie, spec);
      results.push(result);
      log(`  ${spec.name}: ${result.scripts.length} scripts, ${kB(sum(result.scripts, "wire"))} on the wire, ${kB(sum(result.scripts, "decoded"))} decoded`);
      if (args.verbose)
        for (const s of result.scripts)
          log(
            `    ${kB(s.wire).padStart(9)} ${s.encoding.padEnd(5)} ${s.inDocument ? "html " : "later"} ${s.beforeLoad ? "before-load" : "after-load "} ${new URL(s.url).pathname}`,
          );
    }
    const encodings = [...new Set(results.flatMap((r) => r.scripts.map((s) => s.encoding)))].join(", ");
    const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
    console.log(`\nJavaScript received on first load (empty cache, signed in as an admin; ${CONNECTORS} connectors), Content-Encoding: ${encodings}`);
    console.log(
      `Machine: ${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}, Chromium ${browser.version()}; ${new Date().toISOString()}`,
    );
    console.log(`1-minute load average: ${loadBefore.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end (sizes do not depend on it)\n`);
    console.log(table(results));
  } finally {
    await browser?.close();
    await stopApp?.();
    await bench.drop();
    snapshot.remove();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
