/**
 * The wrapper every session-protected route handler goes through: session and role
 * (SECURITY 17), and for state-changing methods a same-origin check (SECURITY 18).
 */
import "server-only";
import { NextResponse } from "next/server";
import { DomainError, ADMIN_REQUIRED, SIGN_IN_REQUIRED } from "../errors";
import type { Role } from "../users/schema";
import { requireSession, type CurrentSession } from "./session";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** True when the browser says the request came from another site. */
export function isCrossSite(request: Request): boolean {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite) return fetchSite !== "same-origin" && fetchSite !== "none";
  const origin = request.headers.get("origin");
  return origin !== null && origin !== new URL(request.url).origin;
}

type Handler<C> = (request: Request, context: C & { session: CurrentSession }) => Promise<Response>;

export function sessionRoute<C extends object>(role: Role, handler: Handler<C>): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    if (!SAFE_METHODS.has(request.method) && isCrossSite(request)) {
      return NextResponse.json({ error: "cross_site_request", message: "Cross-site requests are refused." }, { status: 403 });
    }
    try {
      const session = await requireSession(role);
      return await handler(request, { ...context, session });
    } catch (error) {
      if (error instanceof DomainError && error.code === "UNAUTHENTICATED") {
        return NextResponse.json({ error: "unauthenticated", message: SIGN_IN_REQUIRED }, { status: 401 });
      }
      if (error instanceof DomainError && error.code === "FORBIDDEN") {
        return NextResponse.json({ error: "forbidden", message: ADMIN_REQUIRED }, { status: 403 });
      }
      throw error;
    }
  };
}
