/**
 * `POST …/token/refresh`: renew the connector's token now, for a worker the vendor answered 401
 * (lib/proxy/token-endpoint.ts; at most one vendor call per 10 s per connector). Authenticated by
 * API key. Every other method is answered with 405 JSON and `Allow: POST`, as on the node:http path.
 */
import { apiKeyRoute } from "@/lib/machine-api/route";
import { NO_STORE } from "@/lib/machine-api/api-error";
import { getConfig } from "@/lib/env";
import { tokenRequest } from "@/lib/proxy/token-endpoint";

export const dynamic = "force-dynamic";

const handler = apiKeyRoute<{ params: Promise<{ id: string }> }>(async (request, { params, apiKey, db }) => {
  const { id } = await params;
  const body = await tokenRequest(db, getConfig(), apiKey, {
    endpoint: "refresh",
    method: request.method,
    connectorId: id,
    query: new URL(request.url).searchParams,
  });
  return Response.json(body, { headers: NO_STORE });
});

export { handler as GET, handler as HEAD, handler as POST, handler as PUT, handler as PATCH, handler as DELETE, handler as OPTIONS };
