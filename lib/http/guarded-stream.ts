/**
 * The streaming, connection-reusing variant of the guarded outbound request (SECURITY 12–13,
 * 16), for the proxy's vendor API calls. Same rules as guarded-fetch.ts, different shape:
 *
 * - Scheme: `https:` only (`http:` when `allowLoopback`); no credentials in the URL.
 * - Address: each origin's host is resolved and every address checked once
 *   (pinned-resolution.ts), then one undici Agent per origin connects only to those addresses
 *   through a pinned `connect.lookup`. The Agent keeps connections alive and reuses them, so the
 *   check costs nothing per request. The resolution is redone after `resolveTtlMs`; if the
 *   addresses changed, a new Agent replaces the old one (which finishes its requests and closes).
 * - Redirects: never followed (no redirect interceptor); a 3xx is returned as it came.
 * - Timeouts: connect, time to response headers, and idle time between body chunks. The caller's
 *   AbortSignal (a worker that went away) aborts the vendor request.
 * - Bodies stream both ways; nothing is buffered here.
 */
import type { EventEmitter } from "node:events";
import type { Readable } from "node:stream";
import { Agent } from "undici";
import { OutboundError, isOutboundError } from "./outbound-error";
import { pinnedLookup, resolveAndCheck, type CheckedAddress, type Resolver } from "./pinned-resolution";

export interface StreamPoolOptions {
  allowLoopback: boolean;
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  /** How long one origin's checked addresses are used before resolving again. */
  resolveTtlMs?: number;
  /** Idle keep-alive connections are closed after this long. */
  keepAliveTimeoutMs?: number;
  /** Most origins with a live Agent; the least recently used is closed beyond it. */
  maxOrigins?: number;
  resolve?: Resolver;
}

export interface StreamRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: Buffer | Readable | null;
  /** Aborts the vendor call: an AbortSignal, or (cheaper per request) an EventEmitter that emits "abort". */
  signal?: AbortSignal | EventEmitter;
}

export interface StreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Must be consumed or destroyed. */
  body: Readable;
}

interface OriginEntry {
  agent: Agent;
  addresses: CheckedAddress[];
}

const same = (a: CheckedAddress[], b: CheckedAddress[]) => a.length === b.length && a.every((entry, i) => entry.address === b[i]?.address);

export class GuardedStreamPool {
  private readonly origins = new Map<string, { entry: Promise<OriginEntry>; expiresAt: number }>();
  private readonly settings: Required<Omit<StreamPoolOptions, "resolve">> & { resolve?: Resolver };

  constructor(options: StreamPoolOptions) {
    this.settings = {
      connectTimeoutMs: 10_000,
      headersTimeoutMs: 30_000,
      bodyTimeoutMs: 60_000,
      resolveTtlMs: 60_000,
      keepAliveTimeoutMs: 30_000,
      maxOrigins: 256,
      ...options,
    };
  }

  async request(request: StreamRequest): Promise<StreamResponse> {
    const url = request.url;
    if (url.protocol !== "https:" && !(this.settings.allowLoopback && url.protocol === "http:")) {
      throw new OutboundError("bad_scheme", `Only https:// URLs are allowed (got ${url.protocol.replace(/:$/, "")}:).`);
    }
    if (url.username || url.password) throw new OutboundError("bad_scheme", "The URL must not contain a user name or password.");
    const { agent } = await this.entryFor(url);
    try {
      const response = await agent.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: request.method as "GET",
        headers: request.headers,
        body: request.body ?? null,
        signal: request.signal,
      });
      return { status: response.statusCode, headers: response.headers, body: response.body as unknown as Readable };
    } catch (error) {
      throw classify(url.host, error, request.signal);
    }
  }

  /** Closes every Agent (tests, shutdown). */
  async close(): Promise<void> {
    const records = [...this.origins.values()];
    this.origins.clear();
    await Promise.all(
      records.map((record) =>
        record.entry.then(
          (e) => e.agent.close(),
          () => undefined,
        ),
      ),
    );
  }

  /**
   * The origin's Agent. Staleness is decided synchronously, so concurrent requests after the TTL
   * share one new resolution instead of racing to replace the Agent.
   */
  private entryFor(url: URL): Promise<OriginEntry> {
    const key = url.origin;
    const current = this.origins.get(key);
    this.origins.delete(key);
    if (current && Date.now() < current.expiresAt) {
      this.origins.set(key, current); // most recently used last, for eviction
      return current.entry;
    }
    const previous = current ? current.entry.catch(() => null) : Promise.resolve(null);
    const entry = previous.then((prev) => this.checkedEntry(url, prev));
    const record = { entry, expiresAt: Date.now() + this.settings.resolveTtlMs };
    this.origins.set(key, record);
    entry.catch(() => {
      if (this.origins.get(key) === record) this.origins.delete(key);
    });
    this.evict();
    return entry;
  }

  private async checkedEntry(url: URL, previous: OriginEntry | null): Promise<OriginEntry> {
    const addresses = await resolveAndCheck(url.hostname, { allowLoopback: this.settings.allowLoopback, resolve: this.settings.resolve });
    if (previous && same(previous.addresses, addresses)) return previous;
    if (previous) void previous.agent.close().catch(() => {});
    const { connectTimeoutMs, headersTimeoutMs, bodyTimeoutMs, keepAliveTimeoutMs } = this.settings;
    const agent = new Agent({
      connect: { lookup: pinnedLookup(url.hostname, addresses), timeout: connectTimeoutMs },
      headersTimeout: headersTimeoutMs,
      bodyTimeout: bodyTimeoutMs,
      keepAliveTimeout: keepAliveTimeoutMs,
      keepAliveMaxTimeout: keepAliveTimeoutMs,
    });
    return { agent, addresses };
  }

  private evict(): void {
    while (this.origins.size > this.settings.maxOrigins) {
      const [oldest, record] = this.origins.entries().next().value as [string, { entry: Promise<OriginEntry> }];
      this.origins.delete(oldest);
      void record.entry.then(
        (e) => e.agent.close(),
        () => undefined,
      );
    }
  }
}

const TIMEOUT_CODES = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "ETIMEDOUT"]);

function classify(host: string, error: unknown, signal: StreamRequest["signal"]): unknown {
  if (isOutboundError(error)) return error;
  if (signal && "aborted" in signal && signal.aborted) return error; // the caller went away: nothing to report to anyone
  if (codeOf(error) === "UND_ERR_ABORTED") return error;
  const code = codeOf(error);
  if (code && TIMEOUT_CODES.has(code)) return new OutboundError("timeout", `${host} did not answer in time.`);
  return new OutboundError("network", `Could not reach ${host}${code ? ` (${code})` : ""}.`);
}

function codeOf(error: unknown): string | null {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Z0-9_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

const globalPools = globalThis as unknown as { latchkeyStreamPools?: Map<string, GuardedStreamPool> };

/** The process-wide pool for this setting (kept on globalThis so dev reloads reuse connections). */
export function sharedStreamPool(options: { allowLoopback: boolean }): GuardedStreamPool {
  const pools = (globalPools.latchkeyStreamPools ??= new Map());
  const key = options.allowLoopback ? "loopback" : "public";
  let pool = pools.get(key);
  if (!pool) {
    pool = new GuardedStreamPool(options);
    pools.set(key, pool);
  }
  return pool;
}
