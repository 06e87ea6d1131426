/** The machine API's OpenAPI 3.1 document. Public: it describes the API and holds no data or secret. */
import { getConfig } from "@/lib/env";
import { openApiDocument } from "@/lib/openapi/document";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  return Response.json(openApiDocument(getConfig().publicUrl), { headers: { "cache-control": "public, max-age=300" } });
}
