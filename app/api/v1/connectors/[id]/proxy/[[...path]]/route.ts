/**
 * The credential-injecting proxy: any method on `/api/v1/connectors/{id}/proxy/{path…}` goes to
 * the connector's API Base URL + path + query with its auth data (lib/proxy/forward.ts).
 * Authenticated by API key.
 */
import { apiKeyRoute } from "@/lib/machine-api/route";
import { getConfig } from "@/lib/env";
import { sharedStreamPool } from "@/lib/http/guarded-stream";
import { forwardToConnector } from "@/lib/proxy/forward";
import { proxyInputOf, proxyResponse } from "@/lib/proxy/web-adapter";

export const dynamic = "force-dynamic";

const handler = apiKeyRoute<{ params: Promise<{ id: string }> }>(async (request, { params, apiKey, db }) => {
  const { id } = await params;
  const config = getConfig();
  const result = await forwardToConnector(
    { db, config, pool: sharedStreamPool({ allowLoopback: config.devAllowLoopback }) },
    proxyInputOf(request, id, apiKey),
  );
  return proxyResponse(result);
});

export { handler as GET, handler as HEAD, handler as POST, handler as PUT, handler as PATCH, handler as DELETE, handler as OPTIONS };
