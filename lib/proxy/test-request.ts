/**
 * Send test request (connector page): one request through the same proxy core workers use, run
 * on the server, shown to the admin with status, timing, response headers and a pretty-printed
 * body. Every access token sent (two after a 401 retry) is redacted from what is shown, as are
 * credential-shaped values (lib/oauth/redaction.ts): the result travels to the browser
 * (SECURITY 10).
 */
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { ApiError } from "../machine-api/api-error";
import { recordEvent, type Actor } from "../events";
import { redact, redactHead } from "../oauth/redaction";
import { secretExtraValues } from "../connectors/secret-extra-values";
import { forwardToConnector, type ProxyDeps } from "./forward";
import type { TestRequestInput } from "./test-request-schema";

export const SHOWN_BODY_MAX = 256 * 1024;

export type TestRequestResult =
  | {
      ok: true;
      status: number;
      durationMs: number;
      url: string;
      retried: boolean;
      headers: [string, string][];
      body: string;
      bodyTruncated: boolean;
      contentType: string | null;
    }
  | { ok: false; durationMs: number; error: string; message: string };

/** "v1/items?x=1" or "/v1/items?x=1" → encoded path and raw query; characters a URL cannot carry are encoded. */
export function splitTestPath(input: string): { rawPath: string; rawQuery: string } {
  const text = input.replace(/^\/(?!\/)/, "");
  const at = text.indexOf("?");
  const [path, query] = at === -1 ? [text, ""] : [text.slice(0, at), text.slice(at + 1)];
  const encode = (value: string, allowed: RegExp) => [...value].map((c) => (allowed.test(c) ? c : encodeURIComponent(c))).join("");
  return { rawPath: encode(path, /[A-Za-z0-9\-._~!$&'()*+,;=:@/%\\]/), rawQuery: encode(query, /[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]/) };
}

export async function runTestRequest(deps: ProxyDeps, admin: Actor, input: TestRequestInput): Promise<TestRequestResult> {
  // Not the admin's own actor: a test request behaves like a worker (it does not override backoff or needs re-authorization).
  const actor: Actor = { userId: null, label: `${admin.label} (test request)` };
  const { rawPath, rawQuery } = splitTestPath(input.path);
  const hasBody = !["GET", "HEAD"].includes(input.method) && input.body !== "";
  const headers: [string, string][] = [
    ["accept", "application/json, */*;q=0.5"],
    ...(hasBody && input.contentType ? [["content-type", input.contentType] as [string, string]] : []),
  ];
  const started = performance.now();
  try {
    const result = await forwardToConnector(deps, {
      connectorId: input.connectorId,
      requester: { connectorId: null, actor },
      method: input.method,
      rawPath,
      rawQuery,
      headers,
      body: hasBody ? Readable.from([Buffer.from(input.body, "utf8")]) : null,
    });
    const { text, truncated } = await readCapped(result.body, SHOWN_BODY_MAX);
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    // The connector's secret extras too (SECURITY 42): the API may quote a key also typed for the token request.
    const secrets = [...result.tokensUsed, ...(await secretExtraValues(deps.db, deps.config.keyRing, input.connectorId))];
    const contentType = result.headers.get("content-type");
    // Cut before redacting (pretty-printing can make the text several times longer than what was
    // read), and tell the redaction when the read was already cut, so a token split there is dropped.
    const shown = redactHead(pretty(text, contentType), SHOWN_BODY_MAX, secrets, { cut: truncated });
    await recordEvent(deps.db, admin, {
      connectorId: input.connectorId,
      type: "proxy.test_request",
      detail: { method: input.method, path: `/${rawPath}`, status: result.status, retried: result.retried },
    });
    return {
      ok: true,
      status: result.status,
      durationMs,
      url: redact(result.target.toString(), secrets),
      retried: result.retried,
      headers: [...result.headers].map(([name, value]) => [name, redact(value, secrets)]),
      body: shown.text,
      bodyTruncated: shown.truncated,
      contentType,
    };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { ok: false, durationMs: Math.round((performance.now() - started) * 10) / 10, error: error.code, message: error.message };
  }
}

async function readCapped(body: Readable | null, max: number): Promise<{ text: string; truncated: boolean }> {
  if (!body) return { text: "", truncated: false };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = Buffer.from(chunk as Uint8Array);
    chunks.push(buffer);
    size += buffer.length;
    if (size > max) {
      body.destroy();
      return { text: Buffer.concat(chunks).subarray(0, max).toString("utf8"), truncated: true };
    }
  }
  return { text: Buffer.concat(chunks).toString("utf8"), truncated: false };
}

function pretty(text: string, contentType: string | null): string {
  if (!/json/i.test(contentType ?? "") && !/^\s*[[{]/.test(text)) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
