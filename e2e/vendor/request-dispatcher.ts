// Routes each HTTP request: interaction pages to ./interactions.ts, everything else to
// oidc-provider. Requests to the OAuth endpoints are recorded first and, where clients
// authenticate, checked against the client's registered authentication method.
import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import { checkClientAuthentication, type OAuthErrorReply } from "./client-auth-policy";
import { createInteractionHandler } from "./interactions";
import { ENDPOINT_PATHS } from "./provider-config";
import { parseBody, readBody, withReplayedBody } from "./request-body";
import { toRecordedRequest, type RecordedRequest } from "./request-recorder";

export type RequestDispatcher = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const RECORDED_PATHS = new Set<string>([ENDPOINT_PATHS.authorization, ENDPOINT_PATHS.token, ENDPOINT_PATHS.revocation]);
/** Endpoints where clients authenticate (RFC 6749 §2.3, RFC 7009 §2.1, RFC 7662 §2.1). */
const CLIENT_AUTH_PATHS = new Set<string>([ENDPOINT_PATHS.token, ENDPOINT_PATHS.revocation, ENDPOINT_PATHS.introspection]);

export function createRequestDispatcher(
  provider: Provider,
  { autoApprove, requests }: { autoApprove: boolean; requests: RecordedRequest[] },
): RequestDispatcher {
  const handleOAuth = provider.callback();
  const handleInteraction = createInteractionHandler(provider, { autoApprove });

  return async (req, res) => {
    const url = new URL(req.url ?? "/", provider.issuer);
    if (await handleInteraction(req, res, url)) return;
    if (!RECORDED_PATHS.has(url.pathname) && !CLIENT_AUTH_PATHS.has(url.pathname)) {
      await handleOAuth(req, res);
      return;
    }

    const rawBody = req.method === "POST" ? await readBody(req) : Buffer.alloc(0);
    const parsedBody = parseBody(rawBody, req.headers["content-type"]);
    if (RECORDED_PATHS.has(url.pathname)) {
      requests.push(toRecordedRequest({ method: req.method ?? "GET", url, headers: req.headers, rawBody, parsedBody }));
    }
    if (CLIENT_AUTH_PATHS.has(url.pathname) && req.method === "POST") {
      const rejection = checkClientAuthentication(req.headers.authorization, parsedBody, provider.issuer);
      if (rejection) {
        sendOAuthError(res, rejection);
        return;
      }
    }
    await handleOAuth(req.method === "POST" ? withReplayedBody(req, rawBody) : req, res);
  };
}

function sendOAuthError(res: ServerResponse, reply: OAuthErrorReply): void {
  // RFC 6749 §5.2: error responses are JSON and, like token responses (§5.1), not cacheable.
  res.writeHead(reply.status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    ...reply.headers,
  });
  res.end(JSON.stringify(reply.body));
}
