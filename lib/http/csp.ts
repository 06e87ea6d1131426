/**
 * The headers every page carries (SECURITY 45): a Content Security Policy with a per-request
 * nonce, and HSTS when Latchkey is served over https. Pure functions: proxy.ts calls them with a
 * fresh nonce for each page request; the static headers (Permissions-Policy, X-Frame-Options, …)
 * are in next.config.js because they apply to every response, not only to pages.
 */

/** The request header that carries the nonce from proxy.ts to server components (lib/http/nonce.ts). */
export const NONCE_HEADER = "x-nonce";

/** Two years, the preload list's minimum; subdomains too, since a Latchkey host serves nothing else over http. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

export interface PolicyOptions {
  /** Base64 from 16 random bytes or more; put on every script Next renders for this request. */
  nonce: string;
  /** `next dev`: React rebuilds server error stacks in the browser with eval. Never in production. */
  dev: boolean;
  /** The public URL is https: ask the browser to upgrade any http sub-resource too. */
  https: boolean;
}

/** 16 random bytes as base64: unguessable, and valid inside `'nonce-…'`. Web Crypto, so it runs wherever the proxy runs. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** The Content-Security-Policy value for one page response. */
export function contentSecurityPolicy({ nonce, dev, https }: PolicyOptions): string {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(nonce)) throw new Error("CSP nonce must be base64");
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    // Only scripts carrying this response's nonce run, and what they load ('strict-dynamic'):
    // an injected <script> or inline handler has no nonce. 'self' is ignored by browsers that
    // understand 'strict-dynamic' and is kept for those that do not.
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    // Styles stay 'unsafe-inline': React renders style="" attributes (next/image, Radix popper
    // positions) and sonner injects its <style> at run time, none of which can carry a nonce (a
    // nonce here would also switch 'unsafe-inline' off). CSS cannot run script; the policy that
    // stops script injection is script-src.
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:"],
    ["font-src", "'self'"],
    // The live dashboard reads /api/dashboard; the browser fetches nothing from elsewhere.
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    // Forms post to the app only. Authorize and SSO reach the vendor through a server action
    // (fetch) followed by a client-side navigation, which form-action does not govern.
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  const policy = directives.map((d) => d.join(" "));
  if (https) policy.push("upgrade-insecure-requests");
  return policy.join("; ");
}

/** Every header proxy.ts sets on a page response. HSTS only over https: on http it would be ignored, or pin a test host. */
export function pageSecurityHeaders(options: PolicyOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    ...(options.https ? { "Strict-Transport-Security": STRICT_TRANSPORT_SECURITY } : {}),
  };
}
