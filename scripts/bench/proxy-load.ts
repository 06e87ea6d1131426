/**
 * A small closed-loop HTTP load generator on undici (autocannon is not installed): `connections`
 * keep-alive connections, each sending its next request as soon as the previous answer's body
 * has been read, for `durationMs` after a warm-up. Reports requests per second and latency
 * percentiles (nearest rank).
 */
import { performance } from "node:perf_hooks";
import { Pool } from "undici";

export interface LoadOptions {
  url: string;
  connections: number;
  durationMs: number;
  warmupMs?: number;
  method?: string;
  headers?: Record<string, string>;
  /** Every answer must have this status, or the run fails. */
  expectStatus?: number;
}

export interface LoadResult {
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const url = new URL(options.url);
  const pool = new Pool(url.origin, { connections: options.connections, pipelining: 1, keepAliveTimeout: 60_000 });
  const path = `${url.pathname}${url.search}`;
  const expected = options.expectStatus ?? 200;
  const latencies: number[] = [];
  let errors = 0;
  let recording = false;
  let stop = false;

  const one = async () => {
    const started = performance.now();
    try {
      const response = await pool.request({ path, method: (options.method ?? "GET") as "GET", headers: options.headers });
      await response.body.dump({ limit: Number.MAX_SAFE_INTEGER });
      if (response.statusCode !== expected) errors += 1;
      else if (recording) latencies.push(performance.now() - started);
    } catch {
      errors += 1;
    }
  };
  const worker = async () => {
    while (!stop) await one();
  };

  const workers = Array.from({ length: options.connections }, worker);
  await new Promise((resolve) => setTimeout(resolve, options.warmupMs ?? 1000));
  recording = true;
  const began = performance.now();
  await new Promise((resolve) => setTimeout(resolve, options.durationMs));
  recording = false;
  const elapsed = performance.now() - began;
  stop = true;
  await Promise.all(workers);
  await pool.close();

  const sorted = Float64Array.from(latencies).sort();
  return {
    connections: options.connections,
    requests: sorted.length,
    rps: (sorted.length / elapsed) * 1000,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    errors,
  };
}

/** `count` requests fired at once (a burst, not a closed loop); latencies of each. */
export async function burst(
  url: string,
  count: number,
  headers: Record<string, string>,
): Promise<{ statuses: number[]; p50: number; p99: number; wallMs: number }> {
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections: count, pipelining: 1 });
  const began = performance.now();
  const results = await Promise.all(
    Array.from({ length: count }, async () => {
      const started = performance.now();
      const response = await pool.request({ path: `${target.pathname}${target.search}`, method: "GET", headers });
      await response.body.dump({ limit: Number.MAX_SAFE_INTEGER });
      return { status: response.statusCode, ms: performance.now() - started };
    }),
  );
  const wallMs = performance.now() - began;
  await pool.close();
  const sorted = Float64Array.from(results.map((r) => r.ms)).sort();
  return { statuses: results.map((r) => r.status), p50: percentile(sorted, 50), p99: percentile(sorted, 99), wallMs };
}
