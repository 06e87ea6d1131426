/**
 * Recognises loopback and private hosts written literally in a URL, including the odd IPv4
 * forms WHATWG URL parsing normalises (`127.1`, `0x7f.0.0.1` become `127.0.0.1`) and IPv4-mapped
 * IPv6. This is the form-level check; the outbound request guard checks resolved addresses too.
 */
import { BlockList, isIP } from "node:net";

const blocked = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
] as const) {
  blocked.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
] as const) {
  blocked.addSubnet(network, prefix, "ipv6");
}

function mappedIPv4(address: string): string | null {
  const match = /^::ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!match) return null;
  if (match[1]) return match[1];
  const high = parseInt(match[2]!, 16);
  const low = parseInt(match[3]!, 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

export function isLoopbackOrPrivateHostLiteral(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  const version = isIP(host);
  if (version === 4) return blocked.check(host, "ipv4");
  if (version === 6) {
    const v4 = mappedIPv4(host);
    return v4 ? blocked.check(v4, "ipv4") : blocked.check(host, "ipv6");
  }
  return false;
}
