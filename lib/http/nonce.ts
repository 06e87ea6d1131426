import "server-only";
import { headers } from "next/headers";
import { NONCE_HEADER } from "./csp";

/**
 * This request's CSP nonce (set by proxy.ts, SECURITY 45), for any inline script we render
 * ourselves (next-themes' theme script takes a `nonce` prop). Next puts it on its own scripts
 * without help. Reading request headers also makes the caller render per request, which a
 * nonce needs: a page prerendered at build time would carry no nonce and its scripts would
 * be refused.
 */
export async function getNonce(): Promise<string | undefined> {
  return (await headers()).get(NONCE_HEADER) ?? undefined;
}
