/**
 * Which headers cross the proxy, each way.
 *
 * To the vendor: everything the worker sent except our own credentials (its `Authorization`
 * carries the Latchkey API key, SECURITY 16), cookies, hop-by-hop headers (RFC 9110 §7.6.1,
 * including any named in `Connection`), framing we recompute, and forwarding headers we do not
 * set (the vendor learns nothing about the worker's network). Then the connector's auth data, in
 * the header `apply` names (Authorization, or an API key's own header such as X-Api-Key).
 *
 * To the worker: the vendor's headers except hop-by-hop ones and those meant for a browser on
 * the vendor's own origin (`Set-Cookie`, HSTS, `Alt-Svc`, `Clear-Site-Data`): a vendor session
 * cookie is not for our callers. Caching is replaced by `Cache-Control: no-store`: the response
 * was obtained with a credential, and a shared cache in front of Latchkey would hand it to callers
 * without checking their API key. `ETag` and `Last-Modified` pass, so workers can still make
 * conditional requests (their `If-None-Match` is forwarded).
 */
import type { AuthApplication } from "./access";

const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"];
const REQUEST_DROPPED = new Set([...HOP_BY_HOP, "authorization", "proxy-authorization", "cookie", "host", "expect", "forwarded", "x-real-ip", "via"]);
const RESPONSE_DROPPED = new Set([
  ...HOP_BY_HOP,
  "set-cookie",
  "set-cookie2",
  "strict-transport-security",
  "alt-svc",
  "clear-site-data",
  "public-key-pins",
  "cache-control",
  "expires",
  "pragma",
  "proxy-authenticate",
]);

export type HeaderList = Iterable<[string, string]>;

function connectionNamed(value: string | undefined): Set<string> {
  return new Set(
    (value ?? "")
      .split(",")
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean),
  );
}

/**
 * The headers sent to the vendor. `keepContentLength`: only when the body is streamed as received
 * (a buffered body gets its length from the HTTP client).
 */
export function upstreamRequestHeaders(
  incoming: HeaderList,
  apply: AuthApplication,
  accessToken: string,
  { keepContentLength }: { keepContentLength: boolean },
): Record<string, string> {
  const entries = [...incoming].map(([name, value]) => [name.toLowerCase(), value] as const);
  const named = connectionNamed(entries.find(([name]) => name === "connection")?.[1]);
  const out: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (REQUEST_DROPPED.has(name) || named.has(name) || name.startsWith("x-forwarded-")) continue;
    if (name === "content-length" && !keepContentLength) continue;
    out[name] = out[name] === undefined ? value : `${out[name]}, ${value}`;
  }
  // Set last, so a header of that name the caller sent (an X-Api-Key of its own) is replaced, never forwarded.
  if (apply.in === "header") out[apply.name.toLowerCase()] = apply.prefix ? `${apply.prefix} ${accessToken}` : accessToken;
  return out;
}

/** The vendor's response headers as they go to the worker. */
export function downstreamResponseHeaders(upstream: Record<string, string | string[] | undefined>): Headers {
  const named = connectionNamed(typeof upstream.connection === "string" ? upstream.connection : undefined);
  const headers = new Headers();
  for (const [rawName, value] of Object.entries(upstream)) {
    const name = rawName.toLowerCase();
    if (value === undefined || RESPONSE_DROPPED.has(name) || named.has(name)) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  headers.set("cache-control", "no-store");
  return headers;
}
