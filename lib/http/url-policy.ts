/**
 * Which URLs Latchkey will call at all (SECURITY 12): https only, no credentials or fragment,
 * and no loopback or private host written literally, unless LATCHKEY_DEV_ALLOW_LOOPBACK. One
 * policy for every URL an admin types (vendor URLs, the alert webhook) and for an API Base URL
 * filled from connection metadata. It checks the text only; the outbound guard (guarded-fetch.ts,
 * address-policy.ts) checks the resolved address again when it connects.
 *
 * Pure code, no `node:net`: the shared form schemas run in the browser too.
 */
import { isLoopbackOrPrivateHostLiteral } from "./host-literals";

/** The longest URL accepted anywhere. */
export const URL_MAX_LENGTH = 2048;

export interface UrlRules {
  allowLoopback: boolean;
}

/** Why a vendor URL is unacceptable, or null. Resolved addresses are checked again at request time. */
export function vendorUrlProblem(value: string, { allowLoopback }: UrlRules): string | null {
  if (value.length > URL_MAX_LENGTH) return `At most ${URL_MAX_LENGTH} characters`;
  if (/^\s*(javascript|data|vbscript|file):/i.test(value)) return "Only https:// URLs are allowed";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter an absolute URL, like https://vendor.example.com/oauth/token";
  }
  if (url.protocol !== "https:" && !(allowLoopback && url.protocol === "http:")) return "Only https:// URLs are allowed";
  if (url.username || url.password) return "Remove the user name or password from the URL";
  if (url.hash) return "Remove the #fragment from the URL";
  if (!allowLoopback && isLoopbackOrPrivateHostLiteral(url.hostname)) return "Loopback and private network addresses are not allowed";
  return null;
}
