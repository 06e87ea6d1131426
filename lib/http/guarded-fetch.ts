/**
 * The guarded outbound HTTP request for admin-entered URLs (SECURITY 12–14).
 *
 * 1. Scheme: `https:` only; `http:` too when `allowLoopback` (the development setting).
 * 2. Address: resolve the host once, check every address (lib/http/address-policy.ts), and
 *    connect to the checked address through an undici Agent whose `connect.lookup` answers
 *    with it (lib/http/pinned-resolution.ts). A DNS rebind between check and connect has
 *    nothing to act on. Host header, TLS SNI and certificate verification use the original host.
 * 3. Redirects: never followed. A 3xx is raised as OutboundError `redirect` (default), because
 *    following it would re-send credentials to a target nobody checked; `redirects: "return"`
 *    hands the 3xx back as-is instead, for callers that want to show it.
 * 4. Timeout: one deadline (AbortSignal) over resolution, connection, headers and body.
 * 5. Size: the body is read with a running byte count and abandoned past `maxBytes`.
 *
 * Every failure is an OutboundError whose message names the host and the reason only.
 * Environment proxies (HTTP_PROXY…) are not used: the Agent connects directly.
 */
import type { Readable } from "node:stream";
import { Agent, request as undiciRequest } from "undici";
import { OutboundError, isOutboundError } from "./outbound-error";
import { pinnedLookup, resolveAndCheck, type Resolver } from "./pinned-resolution";

export { OutboundError, isOutboundError, type OutboundErrorCode } from "./outbound-error";
export type { Resolver } from "./pinned-resolution";

export interface GuardedRequest {
  url: string;
  method: string;
  headers?: Record<string, string>;
  body?: string | null;
}

export interface GuardOptions {
  /** Allow `http:` and loopback/private addresses (development and tests only). */
  allowLoopback: boolean;
  /** Deadline for the whole exchange. Default 15 000 ms. */
  timeoutMs?: number;
  /** Largest response body accepted. Default 1 MiB. */
  maxBytes?: number;
  /** "error" (default): a 3xx throws OutboundError `redirect`; "return": the 3xx is returned. */
  redirects?: "error" | "return";
  /** Host name resolver; defaults to the system resolver (dns.lookup). For tests. */
  resolve?: Resolver;
}

export interface GuardedResponse {
  status: number;
  /** Lowercase names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BYTES = 1024 * 1024;
const USER_AGENT = "Latchkey";

export async function guardedRequest(request: GuardedRequest, options: GuardOptions): Promise<GuardedResponse> {
  const { allowLoopback, timeoutMs = DEFAULT_TIMEOUT_MS, maxBytes = DEFAULT_MAX_BYTES, redirects = "error", resolve } = options;
  const url = checkedUrl(request.url, allowLoopback);
  const host = url.host;

  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new OutboundError("timeout", timeoutMessage(host, timeoutMs))), timeoutMs);
  let agent: Agent | null = null;
  try {
    const addresses = await untilAborted(resolveAndCheck(url.hostname, { allowLoopback, resolve }), deadline.signal);
    agent = new Agent({
      connect: { lookup: pinnedLookup(url.hostname, addresses), timeout: timeoutMs },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const response = await undiciRequest(url, {
      method: request.method,
      headers: requestHeaders(request.headers ?? {}),
      body: request.body ?? undefined,
      dispatcher: agent,
      signal: deadline.signal,
    });
    const headers = flattenHeaders(response.headers);

    if (response.statusCode >= 300 && response.statusCode < 400 && redirects === "error") {
      discard(response.body);
      throw new OutboundError("redirect", redirectMessage(url, response.statusCode, headers.location), response.statusCode);
    }

    const declared = Number(headers["content-length"]);
    if (Number.isFinite(declared) && declared > maxBytes) {
      discard(response.body);
      throw new OutboundError("too_large", tooLargeMessage(host, maxBytes));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      size += buffer.length;
      if (size > maxBytes) {
        discard(response.body);
        throw new OutboundError("too_large", tooLargeMessage(host, maxBytes));
      }
      chunks.push(buffer);
    }
    return { status: response.statusCode, headers, body: new TextDecoder("utf-8").decode(Buffer.concat(chunks)) };
  } catch (error) {
    if (isOutboundError(error)) throw error;
    if (deadline.signal.aborted) throw new OutboundError("timeout", timeoutMessage(host, timeoutMs));
    throw networkError(host, timeoutMs, error);
  } finally {
    clearTimeout(timer);
    if (agent) void agent.destroy().catch(() => {});
  }
}

/** SECURITY 12: https only (http when allowed); no credentials in the URL. */
function checkedUrl(raw: string, allowLoopback: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundError("bad_scheme", "The URL is not a valid absolute URL.");
  }
  if (url.protocol !== "https:" && !(allowLoopback && url.protocol === "http:")) {
    throw new OutboundError("bad_scheme", `Only https:// URLs are allowed (got ${url.protocol.replace(/:$/, "")}:).`);
  }
  if (url.username || url.password) throw new OutboundError("bad_scheme", "The URL must not contain a user name or password.");
  return url;
}

/** Stops reading a body we will not use; the abort this causes is expected, not an error. */
function discard(body: Readable): void {
  body.on("error", () => {});
  body.destroy();
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** Lowercase names (so a caller's "User-Agent" replaces ours instead of doubling it). */
function requestHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = { "user-agent": USER_AGENT };
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

const TIMEOUT_CODES = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "ETIMEDOUT"]);

function networkError(host: string, timeoutMs: number, error: unknown): OutboundError {
  const code = errorCode(error);
  if (code && TIMEOUT_CODES.has(code)) return new OutboundError("timeout", timeoutMessage(host, timeoutMs));
  return new OutboundError("network", `Could not reach ${host}${code ? ` (${code})` : ""}. Check the URL and that the vendor is reachable, then try again.`);
}

/** The system or undici error code, looking through `cause` chains (never the message, which may quote data). */
function errorCode(error: unknown): string | null {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Z0-9_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

function timeoutMessage(host: string, timeoutMs: number): string {
  return `${host} did not answer within ${Math.round(timeoutMs / 100) / 10} s. Try again later.`;
}

function tooLargeMessage(host: string, maxBytes: number): string {
  return `The response from ${host} is larger than ${maxBytes} bytes and was abandoned. Check that the URL points at the OAuth endpoint.`;
}

function redirectMessage(url: URL, status: number, location: string | undefined): string {
  let target = "";
  try {
    if (location) target = ` to ${new URL(location, url).origin}`;
  } catch {
    // An unparsable Location header is simply not named.
  }
  return `${url.host} answered with a redirect (HTTP ${status})${target}. Latchkey does not follow redirects for credential requests: enter the final URL instead.`;
}
