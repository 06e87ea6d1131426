/**
 * The proxy benchmark's Markdown: result tables, the targets with pass/fail, and the
 * `## Proxy and token endpoint` section of BENCHMARKS.md (replaced in place, the rest untouched).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { LoadResult } from "./proxy-load";
import { ROOT } from "./proxy-servers";

export const SECTION_TITLE = "## Proxy and token endpoint";

export interface PathRow {
  path: string;
  result: LoadResult;
  /** Latency added over the direct call at the same concurrency (null for the direct call). */
  added: { p50: number; p99: number } | null;
}

export interface StormRow {
  server: string;
  requests: number;
  refreshCalls: number;
  ok: number;
  p50: number;
  p99: number;
  wallMs: number;
}

export interface Target {
  what: string;
  target: string;
  measured: string;
  met: boolean;
}

const f = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : "—");

export function pathTable(rows: PathRow[]): string {
  const lines = ["| Path | Connections | Requests/s | p50 ms | p99 ms | Added p50 ms | Added p99 ms | Errors |", "|---|---:|---:|---:|---:|---:|---:|---:|"];
  for (const { path: name, result, added } of rows) {
    lines.push(
      `| ${name} | ${result.connections} | ${Math.round(result.rps)} | ${f(result.p50)} | ${f(result.p99)} | ${added ? f(added.p50) : "—"} | ${added ? f(added.p99) : "—"} | ${result.errors} |`,
    );
  }
  return lines.join("\n");
}

export function tokenTable(rows: { server: string; result: LoadResult }[]): string {
  const lines = ["| Token endpoint (fresh token) | Connections | Requests/s | p50 ms | p99 ms | Errors |", "|---|---:|---:|---:|---:|---:|"];
  for (const { server, result } of rows)
    lines.push(`| ${server} | ${result.connections} | ${Math.round(result.rps)} | ${f(result.p50)} | ${f(result.p99)} | ${result.errors} |`);
  return lines.join("\n");
}

export function stormTable(rows: StormRow[]): string {
  const lines = [
    "| Refresh storm (expired token) | Concurrent requests | Vendor refresh calls | 200 answers | p50 ms | p99 ms | Wall ms |",
    "|---|---:|---:|---:|---:|---:|---:|",
  ];
  for (const row of rows)
    lines.push(`| ${row.server} | ${row.requests} | ${row.refreshCalls} | ${row.ok} | ${f(row.p50, 1)} | ${f(row.p99, 1)} | ${f(row.wallMs, 0)} |`);
  return lines.join("\n");
}

export function targetTable(targets: Target[]): string {
  const lines = ["| Target | Required | Measured | Met |", "|---|---|---|---|"];
  for (const t of targets) lines.push(`| ${t.what} | ${t.target} | ${t.measured} | ${t.met ? "yes" : "**no**"} |`);
  return lines.join("\n");
}

/** Where and how it ran; the load average says how much else the machine was doing. */
export function environmentLine(command: string, [loadBefore, loadAfter]: [number, number]): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  return [
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${cpu} (${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB), Node ${process.version}, SQLite, everything on loopback`,
    `(1-minute load average ${loadBefore.toFixed(1)} before the run, ${loadAfter.toFixed(1)} after). Command: \`${command}\`.`,
  ].join(" ");
}

/** Replaces (or appends) the section in BENCHMARKS.md. */
export function writeSection(body: string): string {
  const file = path.join(ROOT, "BENCHMARKS.md");
  const current = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n";
  const section = `${SECTION_TITLE}\n\n${body.trim()}\n`;
  const start = current.indexOf(`${SECTION_TITLE}\n`);
  let next: string;
  if (start === -1) {
    next = `${current.trimEnd()}\n\n${section}`;
  } else {
    const after = current.indexOf("\n## ", start + SECTION_TITLE.length);
    next = `${current.slice(0, start)}${section}${after === -1 ? "" : `\n${current.slice(after + 1)}`}`;
  }
  writeFileSync(file, next);
  return file;
}
