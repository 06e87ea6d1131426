/**
 * Recognises loopback and private hosts written literally in a URL, including the odd IPv4
 * forms WHATWG URL parsing normalises (`127.1`, `0x7f.0.0.1` become `127.0.0.1`) and IPv4-mapped
 * IPv6. This is the form-level check; the outbound request guard checks resolved addresses too.
 *
 * Pure code, no `node:net`: the URL policy (url-policy.ts) also runs in the browser, where the
 * connector and alert webhook forms validate before anything is sent.
 */

const BLOCKED_V4: readonly (readonly [string, number])[] = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
];

const BLOCKED_V6: readonly (readonly [string, number])[] = [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
];

/** Four decimal octets, or null. */
function parseIPv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p))) return null;
  const bytes = parts.map(Number);
  return bytes.every((b) => b <= 255) ? bytes : null;
}

/** Eight 16-bit groups (RFC 4291 §2.2 text forms, including `::` and a trailing dotted IPv4), or null. */
function parseIPv6(text: string): number[] | null {
  let body = text;
  const tail: number[] = [];
  const lastColon = body.lastIndexOf(":");
  if (lastColon === -1) return null;
  if (body.slice(lastColon + 1).includes(".")) {
    const v4 = parseIPv4(body.slice(lastColon + 1));
    if (!v4) return null;
    tail.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
    body = body.slice(0, lastColon + 1);
    if (!body.endsWith("::")) body = body.slice(0, -1);
  }
  const halves = body.split("::");
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === "" ? [] : s.split(":").map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : Number.NaN)));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  if ([...head, ...rest].some(Number.isNaN)) return null;
  const explicit = head.length + rest.length + tail.length;
  if (halves.length === 2) return explicit <= 7 ? [...head, ...new Array<number>(8 - explicit).fill(0), ...rest, ...tail] : null;
  return explicit === 8 ? [...head, ...tail] : null;
}

function inRange(address: number[], network: number[], prefix: number, bitsPerUnit: number): boolean {
  const full = (1 << bitsPerUnit) - 1;
  for (let i = 0, bits = prefix; bits > 0; i++, bits -= bitsPerUnit) {
    const mask = bits >= bitsPerUnit ? full : (full << (bitsPerUnit - bits)) & full;
    if ((address[i]! & mask) !== (network[i]! & mask)) return false;
  }
  return true;
}

const blockedV4 = (bytes: number[]) => BLOCKED_V4.some(([net, prefix]) => inRange(bytes, parseIPv4(net)!, prefix, 8));
const blockedV6 = (groups: number[]) => BLOCKED_V6.some(([net, prefix]) => inRange(groups, parseIPv6(net)!, prefix, 16));

export function isLoopbackOrPrivateHostLiteral(hostname: string): boolean {
  const host = hostname
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "")
    .toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  const v4 = parseIPv4(host);
  if (v4) return blockedV4(v4);
  const v6 = parseIPv6(host);
  if (!v6) return false;
  // IPv4-mapped (::ffff:a.b.c.d) is judged by the IPv4 address it carries.
  const mapped = v6.slice(0, 5).every((g) => g === 0) && v6[5] === 0xffff;
  return mapped ? blockedV4([v6[6]! >> 8, v6[6]! & 255, v6[7]! >> 8, v6[7]! & 255]) : blockedV6(v6);
}
