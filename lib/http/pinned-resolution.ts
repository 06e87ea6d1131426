/**
 * Resolve once, check every address, connect only to what was checked (SECURITY 13).
 *
 * `resolveAndCheck` resolves the URL host (or takes the IP literal as is), classifies every
 * address and refuses the host if any one of them is not allowed: a name with one public and one
 * private address is refused, since the connection could go to either.
 *
 * `pinnedLookup` is the `lookup` function handed to the socket: it answers with the addresses
 * already checked and never asks DNS again, so a rebinding DNS server cannot swap in another
 * address between the check and the connection. The URL (and so the Host header, TLS SNI and
 * certificate check) keeps the original host name.
 */
import { promises as dns } from "node:dns";
import type { LookupAddress, LookupOneOptions, LookupAllOptions } from "node:dns";
import { isIP } from "node:net";
import { classifyAddress, ipLiteralOf, isAllowed, type AddressClassification } from "./address-policy";
import { OutboundError } from "./outbound-error";

/** Resolves a host name to every address it has. Injectable for tests. */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * The addresses `host` (a URL hostname, IPv6 in brackets) may be connected to, all checked.
 * Throws OutboundError `blocked_address` or `network` (the name does not resolve).
 */
export async function resolveAndCheck(
  host: string,
  { allowLoopback, resolve = systemResolver }: { allowLoopback: boolean; resolve?: Resolver },
): Promise<CheckedAddress[]> {
  const literal = ipLiteralOf(host);
  let candidates: string[];
  if (literal !== null) {
    candidates = [literal];
  } else {
    let resolved: LookupAddress[];
    try {
      resolved = await resolve(host.replace(/\.$/, ""));
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new OutboundError("network", `Could not resolve ${host}${typeof code === "string" ? ` (${code})` : ""}. Check the host name in the URL.`);
    }
    candidates = resolved.map((entry) => entry.address);
    if (candidates.length === 0) throw new OutboundError("network", `Could not resolve ${host}: no addresses. Check the host name in the URL.`);
  }

  const checked: CheckedAddress[] = [];
  for (const candidate of candidates) {
    let classification: AddressClassification;
    try {
      classification = classifyAddress(candidate);
    } catch {
      throw new OutboundError("blocked_address", `Refused to connect to ${host}: the resolver returned something that is not an IP address.`);
    }
    if (!isAllowed(classification, { allowLoopback })) throw new OutboundError("blocked_address", blockedMessage(host, classification));
    checked.push({ address: classification.address, family: isIP(classification.address) === 6 ? 6 : 4 });
  }
  return checked;
}

function blockedMessage(host: string, { address, verdict, range }: AddressClassification): string {
  const target = host.replace(/^\[|\]$/g, "") === address ? address : `${host} (${address})`;
  if (verdict === "always_blocked") {
    return `Refused to connect to ${target}: ${range} addresses are never allowed. Use the vendor's public URL.`;
  }
  return `Refused to connect to ${target}: ${range} addresses are only allowed when LATCHKEY_DEV_ALLOW_LOOPBACK is set (development only). Use the vendor's public URL.`;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for net/tls.connect that only ever answers `host` with the checked addresses. */
export function pinnedLookup(host: string, addresses: CheckedAddress[]) {
  const expected = host
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "")
    .toLowerCase();
  return (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback): void => {
    const asked = hostname.replace(/\.$/, "").toLowerCase();
    const family = options.family === 4 || options.family === 6 ? options.family : null;
    const usable = addresses.filter((entry) => family === null || entry.family === family);
    const first = usable[0];
    if (asked !== expected || !first) {
      const error: NodeJS.ErrnoException = new Error(`lookup of ${hostname} refused: not the checked host`);
      error.code = "ENOTFOUND";
      callback(error, "", 0);
      return;
    }
    if (options.all)
      callback(
        null,
        usable.map(({ address, family: f }) => ({ address, family: f })),
      );
    else callback(null, first.address, first.family);
  };
}
