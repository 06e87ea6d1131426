/**
 * Sync workers' token endpoint, `GET …/token[?min_ttl=SECONDS]`: lib/proxy/token-endpoint.ts.
 * Authenticated by API key. Every other method is answered here too (405 JSON with `Allow`), as
 * on the node:http path, instead of Next's bodiless default.
 */
import { apiKeyRoute } from "@/lib/machine-api/route";
import { NO_STORE } from "@/lib/machine-api/api-error";
import { getConfig } from "@/lib/env";
import { tokenRequest } from "@/lib/proxy/token-endpoint";

export const dynamic = "force-dynamic";

const handler = apiKeyRoute<{ params: Promise<{ id: string }> }>(async (request, { params, apiKey, db }) => {
  const { id } = await params;
  const body = await tokenRequest(db, getConfig(), apiKey, {
    endpoint: "token",
    method: request.method,
    connectorId: id,
    query: new URL(request.url).searchParams,
  });
  return Response.json(body, { headers: NO_STORE });
});

export { handler as GET, handler as HEAD, handler as POST, handler as PUT, handler as PATCH, handler as DELETE, handler as OPTIONS };
