/**
 * The wrapper every machine-API route handler goes through (SECURITY 17): the caller presents an
 * API key as `Authorization: Bearer <key>` (RFC 6750 §2.1). No cookies or sessions are read, so
 * there is no ambient credential a cross-site page could borrow and no CSRF check is needed.
 * A missing or invalid key is a 401 JSON error with `WWW-Authenticate: Bearer` (RFC 6750 §3).
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { getDb } from "../db";
import { describeError } from "../log/safe-error";
import { bearerCredential } from "../api-keys/key-format";
import { authenticateApiKeyCached, type ApiKeyPrincipal } from "../api-keys/service";
import { ApiError, apiErrorResponse } from "./api-error";
import type { Db } from "../db";

const REALM = 'realm="latchkey"';

/** The 401 for a request without a usable key. */
export function unauthenticatedResponse(presented: boolean): Response {
  const challenge = presented ? `Bearer ${REALM}, error="invalid_token"` : `Bearer ${REALM}`;
  const message = presented ? "The API key is not valid or has been revoked." : "Send an API key as Authorization: Bearer <key>.";
  return apiErrorResponse(new ApiError("invalid_api_key", message, {}, { "www-authenticate": challenge }));
}

/** The principal behind the request's key, or the 401 response to send. */
export async function authenticateRequest(db: Db, request: Request): Promise<ApiKeyPrincipal | Response> {
  const credential = bearerCredential(request.headers.get("authorization"));
  if (credential.kind === "missing") return unauthenticatedResponse(false);
  if (credential.kind === "malformed") return unauthenticatedResponse(true);
  return (await authenticateApiKeyCached(db, credential.key)) ?? unauthenticatedResponse(true);
}

type Handler<C> = (request: Request, context: C & { apiKey: ApiKeyPrincipal; db: Db }) => Promise<Response>;

export function apiKeyRoute<C extends object>(handler: Handler<C>): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    try {
      const db = getDb();
      const principal = await authenticateRequest(db, request);
      if (principal instanceof Response) return principal;
      return await handler(request, { ...context, apiKey: principal, db });
    } catch (error) {
      if (error instanceof ApiError) return apiErrorResponse(error);
      // The worker went away mid-request: nobody to answer, nothing to log.
      if (request.signal.aborted) return new Response(null, { status: 499 });
      const reference = randomUUID().slice(0, 8);
      // Class, code and a redacted first line only: request data and Prisma's messages may hold credentials.
      console.error(`latchkey: API request failed (ref ${reference}): ${describeError(error)}`);
      return apiErrorResponse(new ApiError("internal_error", `Something went wrong (reference ${reference}).`));
    }
  };
}
