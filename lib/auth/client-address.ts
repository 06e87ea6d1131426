/**
 * The client address the sign-in throttle counts attempts under, from a request's headers.
 */
import { isIPv4 } from "node:net";

/**
 * Every client, when the app is not behind a trusted proxy. X-Forwarded-For is then whatever
 * the client wrote (Next.js fills it from the socket only when it is absent), so trusting it
 * would let a guesser claim a fresh address for every attempt.
 */
export const DIRECT_CLIENTS = "direct";
/** Behind a trusted proxy, but its entry is not an IP address (a misconfigured proxy). */
export const UNKNOWN_CLIENT = "unknown";

/**
 * `trustedProxyHops` (LATCHKEY_TRUST_PROXY): how many proxies in front of the app append to
 * X-Forwarded-For. Each appends the address it received the request from, so the entry that
 * many places from the right was written by our outermost proxy; everything left of it came
 * from the client and can be anything.
 */
export function clientAddressOf(headers: Headers, trustedProxyHops: number): string {
  if (trustedProxyHops <= 0) return DIRECT_CLIENTS;
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return UNKNOWN_CLIENT;
  const entry = entries[Math.max(entries.length - trustedProxyHops, 0)]!;
  return normalizeAddress(entry) ?? UNKNOWN_CLIENT;
}

/**
 * An IPv4 address as is; an IPv6 address as its /64 network, because one subscriber usually
 * holds a whole /64 and could otherwise rotate through 2^64 "addresses". IPv4-mapped IPv6
 * becomes IPv4. Ports and brackets ("[2001:db8::1]:443", "192.0.2.1:5000") are dropped.
 */
export function normalizeAddress(raw: string): string | null {
  let text = raw.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  if (isIPv4(text)) return text;
  const groups = ipv6Groups(text.replace(/%.*$/, ""));
  if (!groups) return null;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [high, low] = [groups[6]!, groups[7]!];
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, or null if it is not one. */
function ipv6Groups(text: string): number[] | null {
  if (!text.includes(":")) return null;
  let canonical: string;
  try {
    // The URL parser validates and canonicalises (an embedded IPv4 tail becomes two hex groups).
    canonical = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
  const [head = "", tail] = canonical.split("::");
  const parse = (part: string) => (part ? part.split(":").map((group) => parseInt(group, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const zeros = tail === undefined ? 0 : 8 - left.length - right.length;
  const groups = [...left, ...Array<number>(zeros).fill(0), ...right];
  return groups.length === 8 ? groups : null;
}
