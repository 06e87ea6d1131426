/**
 * The proxy's core, independent of Next.js: forwards one worker request to the connector's API
 * Base URL with the connector's auth data, and streams the answer back. Used by the route handler
 * (`/api/v1/connectors/{id}/proxy/…`) and by the console's Send test request.
 *
 * 1. Access: the key's scope, the connector, its API Base URL, a safe path (target.ts).
 * 2. Token: ensureFreshToken (lib/tokens), which renews first, in one flight across callers and
 *    instances, when the token is expired or due: a storm of requests on an expired token makes one
 *    vendor refresh call. An API Base URL that is a template over connection metadata
 *    (`{instance_url}/services/data/v61.0`) is filled from what was kept with that token, and
 *    checked, only then (api-base-url.ts).
 * 3. Send through the guarded, pooled HTTP client (lib/http/guarded-stream.ts).
 * 4. A vendor 401 (or a configured expiry rule) gets exactly one renewal and one retry
 *    (SECURITY 25); the retry's answer is final. A body too large to replay is not retried.
 */
import { Readable } from "node:stream";
import type { Config } from "../env";
import type { Db } from "../db";
import type { Actor } from "../events";
import { ApiError } from "../machine-api/api-error";
import { isOutboundError, type OutboundError } from "../http/outbound-error";
import type { GuardedStreamPool, StreamRequest, StreamResponse } from "../http/guarded-stream";
import type { FreshToken } from "../tokens/service";
import { connectorAccess, type ConnectorAccess, type Requester } from "./access";
import { BODY_INSPECTION_CAP, loadExpiryRules, meansExpired, needsBody, NO_EXTRA_RULES, statusMayMeanExpired, type ExpiryRules } from "./expiry-rules";
import { downstreamResponseHeaders, upstreamRequestHeaders, type HeaderList } from "./headers";
import { bodyForSend, prepareBody, replayable, type PreparedBody } from "./request-body";
import { filledApiBaseUrl, isApiBaseUrlTemplate } from "./api-base-url";
import { metadataForToken } from "./connection-metadata";
import { checkedRelativePath, proxyTarget, replaceQueryParam } from "./target";
import { cachedToken, freshToken } from "./token-cache";

export const PROXY_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export interface ProxyDeps {
  db: Db;
  config: Config;
  pool: GuardedStreamPool;
  /** Largest request body kept for a retry after a 401. */
  retryBodyCap?: number;
}

export interface ProxyInput {
  connectorId: string;
  requester: Requester & { actor: Actor };
  method: string;
  /** The path after `/proxy/`, still percent-encoded. */
  rawPath: string;
  /** The query string without "?", as received. */
  rawQuery: string;
  headers: HeaderList;
  body: AsyncIterable<Uint8Array> | null;
  signal?: StreamRequest["signal"];
}

export interface ProxyResult {
  status: number;
  headers: Headers;
  /** null for HEAD and for statuses without a body. */
  body: Readable | null;
  /** The vendor URL without the access token. */
  target: URL;
  /** Every access token sent (one, or two after a retry), and a Basic credential's parts: what a display must redact. */
  tokensUsed: string[];
  retried: boolean;
}

const BODYLESS_STATUS = new Set([204, 205, 304]);

export async function forwardToConnector(deps: ProxyDeps, input: ProxyInput): Promise<ProxyResult> {
  const method = input.method.toUpperCase();
  if (!(PROXY_METHODS as readonly string[]).includes(method)) throw new ApiError("method_not_allowed", `The proxy does not forward ${method} requests.`);
  const connector = await connectorAccess(deps.db, input.requester, input.connectorId);
  if (!connector.apiBaseUrl) throw new ApiError("no_api_base_url", "This connector has no API Base URL: an admin must set one before its API can be proxied.");
  const pathRules = { allowEncodedSlash: connector.allowEncodedSlash };
  const apiBaseUrl = connector.apiBaseUrl;
  const fixedTarget = isApiBaseUrlTemplate(apiBaseUrl) ? null : proxyTarget(apiBaseUrl, input.rawPath, input.rawQuery, pathRules);
  // A template is filled only once the token is known; a bad path is still refused before that.
  if (!fixedTarget) checkedRelativePath(input.rawPath, pathRules);

  const token = await cachedToken(deps.db, deps.config, connector.id, input.requester.actor);
  const target = fixedTarget ?? proxyTarget(await filledBaseUrl(deps, connector, apiBaseUrl, token.version), input.rawPath, input.rawQuery, pathRules);
  const body = await prepareBody(input.body, deps.retryBodyCap);
  const tokensUsed = secretsIn(connector, token.accessToken);
  const send = (accessToken: string) => sendOnce(deps, connector, target, method, input, body, accessToken);

  let response = await send(token.accessToken);
  let retried = false;
  const rules = !replayable(body) || response.status === 401 ? NO_EXTRA_RULES : await loadExpiryRules(deps.db, connector.id);
  if (replayable(body) && statusMayMeanExpired(rules, response.status)) {
    const inspected = await inspect(rules, response);
    response = inspected.response;
    if (inspected.expired) {
      await discard(response.body);
      const renewed = await renewedToken(deps, connector.id, input.requester.actor, token.version);
      tokensUsed.push(...secretsIn(connector, renewed.accessToken));
      response = await send(renewed.accessToken);
      retried = true;
    }
  }
  const hasBody = method !== "HEAD" && !BODYLESS_STATUS.has(response.status);
  if (!hasBody) await discard(response.body);
  return { status: response.status, headers: downstreamResponseHeaders(response.headers), body: hasBody ? response.body : null, target, tokensUsed, retried };
}

/**
 * The token, and for Basic Auth also the user name and password inside it: a vendor that echoes
 * them decoded must not show Freshservice's API key (its user name) either. A part shorter than 4
 * characters (Freshservice's placeholder password X) is no secret, and redacting it would mangle
 * every answer.
 */
function secretsIn(connector: ConnectorAccess, accessToken: string): string[] {
  if (connector.credentialType !== "basic") return [accessToken];
  const decoded = Buffer.from(accessToken, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return [accessToken, ...[decoded.slice(0, colon), decoded.slice(colon + 1)].filter((part) => colon > -1 && part.length >= 4)];
}

/** The API Base URL template filled from the metadata kept with the token about to be used (api-base-url.ts, SECURITY 41). */
async function filledBaseUrl(deps: ProxyDeps, connector: ConnectorAccess, template: string, tokenVersion: number): Promise<string> {
  const metadata = await metadataForToken(deps.db, connector, tokenVersion);
  return filledApiBaseUrl(template, metadata, { allowLoopback: deps.config.devAllowLoopback });
}

/**
 * After a 401: if another caller renewed the token since ours was read, use that one; otherwise
 * renew now (forced, still one flight for every caller that saw the 401).
 */
async function renewedToken(deps: ProxyDeps, connectorId: string, actor: Actor, usedVersion: number): Promise<FreshToken> {
  const current = await freshToken(deps.db, deps.config, connectorId, actor);
  if (current.version !== usedVersion) return current;
  return freshToken(deps.db, deps.config, connectorId, actor, true);
}

async function sendOnce(
  deps: ProxyDeps,
  connector: ConnectorAccess,
  target: URL,
  method: string,
  input: ProxyInput,
  body: PreparedBody,
  accessToken: string,
): Promise<StreamResponse> {
  const url = new URL(target);
  if (connector.apply.in === "query") url.search = replaceQueryParam(target.search.slice(1), connector.apply.name, accessToken);
  const headers = upstreamRequestHeaders(input.headers, connector.apply, accessToken, { keepContentLength: body.kind === "streamed" });
  try {
    return await deps.pool.request({ url, method, headers, body: bodyForSend(body), signal: input.signal });
  } catch (error) {
    if (isOutboundError(error)) throw outboundApiError(error);
    throw error;
  }
}

/** Reads the body when an expiry rule depends on it, and hands back a response that still has it. */
async function inspect(rules: ExpiryRules, response: StreamResponse): Promise<{ expired: boolean; response: StreamResponse }> {
  if (!needsBody(rules, response.status)) return { expired: meansExpired(rules, response.status, null), response };
  // A manual iterator: leaving a for-await loop early would destroy the body we hand back.
  const iterator = (response.body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    const buffer = Buffer.from(next.value);
    chunks.push(buffer);
    size += buffer.length;
    if (size > BODY_INSPECTION_CAP) {
      // Too large to be an error document: not an expiry signal. Give back what was read plus the rest.
      return { expired: false, response: { ...response, body: Readable.from(rest(chunks, iterator)) } };
    }
  }
  const whole = Buffer.concat(chunks);
  return { expired: meansExpired(rules, response.status, whole.toString("utf8")), response: { ...response, body: Readable.from([whole]) } };
}

async function* rest(head: Buffer[], iterator: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* head;
  for (;;) {
    const next = await iterator.next();
    if (next.done) return;
    yield next.value;
  }
}

/** Consumes a body we will not forward, so its connection can be reused (small bodies) or closed. */
async function discard(body: Readable): Promise<void> {
  const dump = (body as Readable & { dump?: (options: { limit: number }) => Promise<void> }).dump;
  if (typeof dump === "function") await dump.call(body, { limit: BODY_INSPECTION_CAP }).catch(() => {});
  else body.destroy();
}

function outboundApiError(error: OutboundError): ApiError {
  if (error.code === "timeout") return new ApiError("upstream_timeout", error.message, { reason: error.code });
  return new ApiError("upstream_unreachable", error.message, { reason: error.code });
}
