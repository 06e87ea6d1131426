// Reading a request body before oidc-provider does. oidc-provider (via Koa) reads the body from
// the Node request stream itself; once drained, it would only see an empty stream. So the body is
// buffered here and oidc-provider gets a copy of the request whose stream replays those bytes.
import { IncomingMessage } from "node:http";

/** Upper bound matching oidc-provider's own body limit (56 KiB). */
const MAX_BODY_BYTES = 56 * 1024;

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** A request identical to `original` (same socket, headers, URL) whose body stream yields `body`. */
export function withReplayedBody(original: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new IncomingMessage(original.socket);
  copy.method = original.method;
  copy.url = original.url;
  copy.headers = original.headers;
  copy.rawHeaders = original.rawHeaders;
  copy.httpVersion = original.httpVersion;
  copy.httpVersionMajor = original.httpVersionMajor;
  copy.httpVersionMinor = original.httpVersionMinor;
  copy.complete = true;
  if (body.length > 0) copy.push(body);
  copy.push(null);
  return copy;
}

/**
 * The body as flat string pairs, for recording and for policy checks. Form bodies are decoded the
 * way application/x-www-form-urlencoded requires ("+" is a space); JSON objects are flattened,
 * non-string values kept as their JSON text. Anything else yields {}.
 */
export function parseBody(body: Buffer, contentType: string | undefined): Record<string, string> {
  if (body.length === 0) return {};
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase();
  if (mediaType === "application/x-www-form-urlencoded") {
    return Object.fromEntries(new URLSearchParams(body.toString("utf8")));
  }
  if (mediaType === "application/json") {
    return flattenJsonObject(body.toString("utf8"));
  }
  return {};
}

function flattenJsonObject(text: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return {};
  return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]));
}
