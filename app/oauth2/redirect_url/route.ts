/**
 * The redirect URI (`<LATCHKEY_PUBLIC_URL>/oauth2/redirect_url`). The vendor sends the admin's
 * browser here with `code` and `state` (RFC 6749 §4.1.2) or an error (§4.1.2.1). It checks the
 * session and role itself (SECURITY 17); every failure lands on a page that explains it, and
 * every redirect target is a local path built here (SECURITY 4).
 */
import { NextResponse } from "next/server";
import { getConfig } from "@/lib/env";
import { getDb } from "@/lib/db";
import { getCurrentSession } from "@/lib/auth/session";
import { completeAuthorization } from "@/lib/authorization/service";
import { connectorPath } from "@/lib/connectors/paths";
import { describeError } from "@/lib/log/safe-error";

export const dynamic = "force-dynamic";

function redirectTo(path: string): NextResponse {
  const response = NextResponse.redirect(new URL(path, getConfig().publicUrl), 303);
  response.headers.set("Cache-Control", "no-store");
  response.headers.set("Referrer-Policy", "no-referrer");
  return response;
}

export async function GET(request: Request): Promise<NextResponse> {
  const session = await getCurrentSession();
  if (!session) return redirectTo("/oauth2/error?reason=no_session");
  if (session.user.role !== "admin") return redirectTo("/oauth2/error?reason=forbidden");
  const query = new URL(request.url).searchParams;
  try {
    const outcome = await completeAuthorization(
      getDb(),
      getConfig(),
      { actor: { ...session.actor, userId: session.user.id }, sessionId: session.sessionId },
      query,
    );
    if (outcome.kind === "rejected") return redirectTo(`/oauth2/error?reason=${outcome.reason}`);
    return redirectTo(connectorPath(outcome.connectorId, "overview", { event: outcome.eventId }));
  } catch (error) {
    // Left to Next, the error would be printed whole, with any values a database error quotes (SECURITY 37).
    console.error(`latchkey: the authorization callback failed: ${describeError(error)}`);
    return redirectTo("/oauth2/error?reason=failed");
  }
}
