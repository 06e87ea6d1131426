/**
 * The connector's JWKS URL, `GET /api/v1/connectors/{id}/jwks.json`: the public key of its
 * Signed JWT / JWT bearer key pair as a JSON Web Key Set (RFC 7517 §5), `{ "keys": [] }` when it
 * has none. Public, like a vendor's own jwks_uri: the vendor fetches it without a Latchkey
 * credential, and it holds public key members only, read from Connector.publicJwk without
 * opening the sealed private key (SECURITY 44). Cached for five minutes, so a new key pair
 * reaches the vendor soon.
 */
import { API_ERRORS, ApiError, NO_STORE } from "@/lib/machine-api/api-error";
import { jwksOf } from "@/lib/connectors/jwks";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const row = await getDb().connector.findUnique({ where: { id }, select: { publicJwk: true, keyId: true, signingAlg: true } });
  if (!row) {
    const error = new ApiError("unknown_connector", "No connector has this id.");
    return Response.json(error.body(), { status: API_ERRORS.unknown_connector, headers: NO_STORE });
  }
  return Response.json(jwksOf(row), { headers: { "cache-control": "public, max-age=300" } });
}
