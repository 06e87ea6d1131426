/** Sync workers' token endpoint: lib/proxy/token-endpoint.ts. Authenticated by API key. */
import { apiKeyRoute } from "@/lib/api-keys/route";
import { NO_STORE } from "@/lib/api-keys/api-error";
import { getConfig } from "@/lib/env";
import { workerToken } from "@/lib/proxy/token-endpoint";

export const dynamic = "force-dynamic";

export const GET = apiKeyRoute<{ params: Promise<{ id: string }> }>(async (_request, { params, apiKey, db }) => {
  const { id } = await params;
  const body = await workerToken(db, getConfig(), apiKey, id);
  return Response.json(body, { headers: NO_STORE });
});
