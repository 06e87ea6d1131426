/**
 * Next.js Proxy (formerly middleware): gives every page request a fresh CSP nonce (SECURITY 45).
 * The nonce goes on the request as `x-nonce` (lib/http/nonce.ts) and inside the request's
 * Content-Security-Policy, which is where Next reads it to put it on its own scripts; the
 * same policy goes on the response. Static headers for every path are in next.config.js.
 */
import { NextResponse, type NextRequest } from "next/server";
import { NONCE_HEADER, createNonce, pageSecurityHeaders } from "./lib/http/csp";

/**
 * Whether LATCHKEY_PUBLIC_URL is https. Read from the environment rather than lib/env.ts's
 * getConfig(), which would open the key ring again in this separately bundled module; the URL
 * itself is validated at start (scripts/start.ts), so a value that does not parse means http.
 */
function publicUrlIsHttps(): boolean {
  const raw = process.env.LATCHKEY_PUBLIC_URL?.trim();
  return !!raw && URL.canParse(raw) && new URL(raw).protocol === "https:";
}

export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const headers = pageSecurityHeaders({ nonce, dev: process.env.NODE_ENV === "development", https: publicUrlIsHttps() });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(NONCE_HEADER, nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: not the machine API and auth endpoints (/api/…), not the vendor's redirect
      // back (/oauth2/redirect_url, a route handler), not build assets or public/ files.
      source: "/((?!api/|oauth2/redirect_url|_next/static|_next/image|favicon\\.svg|latchkey-mark\\.svg).*)",
      // Prefetches carry an RSC payload, not HTML; they need no nonce.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
