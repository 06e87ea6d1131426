/**
 * Which IP addresses an outbound request to an admin-entered URL may connect to (SECURITY 13).
 *
 * Three verdicts:
 * - `always_blocked`: link-local (169.254.0.0/16, fe80::/10), cloud metadata addresses (with
 *   Azure's wire server 168.63.129.16, a public-looking address every Azure VM reaches, which
 *   serves the VM's extension settings and certificates), "this network" / unspecified,
 *   multicast, broadcast and reserved space. Nothing legitimate lives there and the metadata
 *   services hand out cloud credentials.
 * - `local`: loopback, private (RFC 1918), CGNAT (RFC 6598), unique-local (RFC 4193) and other
 *   special-purpose ranges (RFC 6890). Allowed only when the development setting allows loopback.
 * - `public`: everything else.
 *
 * IPv6 addresses that embed an IPv4 address (IPv4-mapped `::ffff:a9fe:a9fe`, IPv4-compatible,
 * SIIT, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`, Teredo) are judged by the embedded address too,
 * and the stricter verdict wins. Odd IPv4 spellings (`127.1`, `0x7f.0.0.1`, `2130706433`) are
 * normalised with the WHATWG URL host parser, the same one that parses the request URL.
 */
import { isIP } from "node:net";

export type AddressVerdict = "public" | "local" | "always_blocked";

export interface AddressClassification {
  /** The address in canonical form (IPv4 dotted quad, IPv6 as Node prints it). */
  address: string;
  verdict: AddressVerdict;
  /** Human description of the range, e.g. "link-local", "loopback". */
  range: string;
}

type Rule = { prefix: number; verdict: Exclude<AddressVerdict, "public">; range: string };
type V4Rule = Rule & { network: number };
type V6Rule = Rule & { network: bigint };

const METADATA = "cloud metadata";

/** IPv4 special-purpose ranges (RFC 6890 and the IANA registry). Exact hosts first. */
const V4_RULES: V4Rule[] = [
  v4("169.254.169.254", 32, "always_blocked", METADATA), // AWS, GCP, Azure, OCI, DigitalOcean…
  v4("169.254.170.2", 32, "always_blocked", METADATA), // AWS ECS task metadata
  v4("100.100.100.200", 32, "always_blocked", METADATA), // Alibaba Cloud (inside CGNAT space)
  v4("168.63.129.16", 32, "always_blocked", METADATA), // Azure wire server (WireServer / host agent), in public space
  v4("0.0.0.0", 8, "always_blocked", '"this network"'),
  v4("169.254.0.0", 16, "always_blocked", "link-local"),
  v4("224.0.0.0", 4, "always_blocked", "multicast"),
  v4("240.0.0.0", 4, "always_blocked", "reserved or broadcast"),
  v4("127.0.0.0", 8, "local", "loopback"),
  v4("10.0.0.0", 8, "local", "private"),
  v4("172.16.0.0", 12, "local", "private"),
  v4("192.168.0.0", 16, "local", "private"),
  v4("100.64.0.0", 10, "local", "carrier-grade NAT"),
  v4("192.0.0.0", 24, "local", "IETF protocol assignments"),
  v4("192.0.2.0", 24, "local", "documentation"),
  v4("198.51.100.0", 24, "local", "documentation"),
  v4("203.0.113.0", 24, "local", "documentation"),
  v4("198.18.0.0", 15, "local", "benchmarking"),
];

/** IPv6 special-purpose ranges. Embedded-IPv4 prefixes are handled separately. */
const V6_RULES: V6Rule[] = [
  v6("fd00:ec2::254", 128, "always_blocked", METADATA), // AWS IMDS over IPv6 (inside unique-local space)
  v6("::", 128, "always_blocked", "unspecified"),
  v6("fe80::", 10, "always_blocked", "link-local"),
  v6("ff00::", 8, "always_blocked", "multicast"),
  v6("100::", 64, "always_blocked", "discard-only"),
  v6("::1", 128, "local", "loopback"),
  v6("fc00::", 7, "local", "unique-local"),
  v6("fec0::", 10, "local", "site-local"),
  v6("2001:db8::", 32, "local", "documentation"),
];

const STRICTNESS: Record<AddressVerdict, number> = { public: 0, local: 1, always_blocked: 2 };

/**
 * The IP address a URL host denotes, canonicalised, or null for a DNS name. Accepts a
 * bracketed IPv6 literal and every IPv4 spelling the WHATWG URL parser accepts.
 */
export function ipLiteralOf(host: string): string | null {
  let hostname: string;
  try {
    hostname = new URL(`http://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}/`).hostname;
  } catch {
    return null;
  }
  const bare = hostname.replace(/^\[|\]$/g, "");
  return isIP(bare) ? bare : null;
}

/** Classifies one IP address (any form `ipLiteralOf` accepts, or an IPv6 with a `%zone`). */
export function classifyAddress(input: string): AddressClassification {
  const literal = ipLiteralOf(input.replace(/%.*$/, ""));
  if (literal === null) throw new TypeError("not an IP address");
  if (isIP(literal) === 4) return { address: literal, ...classifyV4(parseV4(literal)) };
  const value = parseV6(literal);
  let result = classifyV6(value);
  for (const embedded of embeddedV4(value)) {
    const inner = classifyV4(embedded);
    if (STRICTNESS[inner.verdict] > STRICTNESS[result.verdict]) result = { ...inner, range: `${inner.range} (embedded in IPv6)` };
  }
  return { address: literal, ...result };
}

/** Whether a classified address may be connected to. */
export function isAllowed(classification: AddressClassification, { allowLoopback }: { allowLoopback: boolean }): boolean {
  return classification.verdict === "public" || (classification.verdict === "local" && allowLoopback);
}

// --- internals ---------------------------------------------------------------------------------

function classifyV4(value: number): { verdict: AddressVerdict; range: string } {
  for (const rule of V4_RULES) {
    if (rule.prefix === 0 || value >>> (32 - rule.prefix) === rule.network >>> (32 - rule.prefix)) {
      return { verdict: rule.verdict, range: rule.range };
    }
  }
  return { verdict: "public", range: "public" };
}

function classifyV6(value: bigint): { verdict: AddressVerdict; range: string } {
  for (const rule of V6_RULES) {
    const shift = BigInt(128 - rule.prefix);
    if (value >> shift === rule.network >> shift) return { verdict: rule.verdict, range: rule.range };
  }
  return { verdict: "public", range: "public" };
}

/** IPv4 addresses carried inside an IPv6 address by the standard transition mechanisms. */
function embeddedV4(value: bigint): number[] {
  const low32 = Number(value & 0xffffffffn);
  const top96 = value >> 32n;
  const found: number[] = [];
  if (top96 === 0xffffn) found.push(low32); // ::ffff:a.b.c.d, IPv4-mapped (RFC 4291 §2.5.5.2)
  if (top96 === 0n && value > 1n) found.push(low32); // ::a.b.c.d, IPv4-compatible (deprecated)
  if (top96 === 0xffff0000n) found.push(low32); // ::ffff:0:a.b.c.d, SIIT (RFC 6052 §2.1 / 7915)
  if (top96 === 0x64ff9b0000000000000000n) found.push(low32); // 64:ff9b::/96 NAT64 (RFC 6052)
  if (value >> 80n === 0x64ff9b0001n) found.push(low32); // 64:ff9b:1::/48 local NAT64 (RFC 8215)
  if (value >> 112n === 0x2002n) found.push(Number((value >> 80n) & 0xffffffffn)); // 6to4 (RFC 3056)
  if (value >> 96n === 0x20010000n) found.push(~low32 >>> 0); // Teredo client (RFC 4380 §4)
  return found;
}

function parseV4(address: string): number {
  return address.split(".").reduce((acc, part) => acc * 256 + Number(part), 0) >>> 0;
}

function parseV6(address: string): bigint {
  let text = address.toLowerCase();
  // A trailing dotted quad becomes two hextets.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const v4 = parseV4(dotted[1]);
    text = `${text.slice(0, dotted.index)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const headParts = head === "" ? [] : head.split(":");
  const tailParts = tail === undefined || tail === "" ? [] : tail.split(":");
  const missing = 8 - headParts.length - tailParts.length;
  const hextets = tail === undefined ? headParts : [...headParts, ...Array<string>(missing).fill("0"), ...tailParts];
  return hextets.reduce((acc, part) => (acc << 16n) | BigInt(parseInt(part, 16)), 0n);
}

function v4(network: string, prefix: number, verdict: Rule["verdict"], range: string): V4Rule {
  return { network: parseV4(network), prefix, verdict, range };
}

function v6(network: string, prefix: number, verdict: Rule["verdict"], range: string): V6Rule {
  return { network: parseV6(network), prefix, verdict, range };
}
