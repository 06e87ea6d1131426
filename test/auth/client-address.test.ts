import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clientAddressOf, DIRECT_CLIENTS, normalizeAddress, UNKNOWN_CLIENT } from "@/lib/auth/client-address";
import { loadConfig } from "@/lib/env";

const forwarded = (value: string) => new Headers({ "x-forwarded-for": value });

describe("clientAddressOf", () => {
  it("without a trusted proxy, ignores X-Forwarded-For: every client is one bucket", () => {
    expect(clientAddressOf(forwarded("198.51.100.7"), 0)).toBe(DIRECT_CLIENTS);
    expect(clientAddressOf(new Headers(), 0)).toBe(DIRECT_CLIENTS);
  });

  it("behind N trusted proxies, takes the entry N places from the right, whatever the client wrote before it", () => {
    expect(clientAddressOf(forwarded("198.51.100.7"), 1)).toBe("198.51.100.7");
    expect(clientAddressOf(forwarded("1.1.1.1, 2.2.2.2, 198.51.100.7"), 1)).toBe("198.51.100.7");
    expect(clientAddressOf(forwarded("1.1.1.1, 198.51.100.7, 10.0.0.2"), 2)).toBe("198.51.100.7");
    expect(clientAddressOf(forwarded("198.51.100.7"), 3)).toBe("198.51.100.7");
  });

  it("an empty or unparsable entry falls in one shared bucket", () => {
    expect(clientAddressOf(new Headers(), 1)).toBe(UNKNOWN_CLIENT);
    expect(clientAddressOf(forwarded("1.1.1.1, not-an-ip"), 1)).toBe(UNKNOWN_CLIENT);
  });
});

describe("normalizeAddress", () => {
  it("keeps IPv4, drops ports and brackets, maps IPv4-in-IPv6 back to IPv4", () => {
    expect(normalizeAddress("192.0.2.1")).toBe("192.0.2.1");
    expect(normalizeAddress("192.0.2.1:5000")).toBe("192.0.2.1");
    expect(normalizeAddress("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(normalizeAddress("[::FFFF:c000:201]:443")).toBe("192.0.2.1");
  });

  it("counts IPv6 per /64 network, so one subscriber cannot rotate through its addresses", () => {
    expect(normalizeAddress("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(normalizeAddress("[2001:DB8:1:2:bbbb:cccc:dddd:eeee]:8443")).toBe("2001:db8:1:2::/64");
    expect(normalizeAddress("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(normalizeAddress("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  });

  it("refuses what is not an address", () => {
    for (const value of ["", "unknown", "example.com", "1.2.3", "::g", "1.2.3.4.5"]) expect(normalizeAddress(value)).toBeNull();
  });
});

describe("LATCHKEY_TRUST_PROXY", () => {
  const base = () => ({ LATCHKEY_DATA_DIR: mkdtempSync(path.join(tmpdir(), "latchkey-env-")) });

  it("defaults to 0 and takes a small number of hops", () => {
    expect(loadConfig(base(), () => {}).trustedProxyHops).toBe(0);
    expect(loadConfig({ ...base(), LATCHKEY_TRUST_PROXY: "1" }, () => {}).trustedProxyHops).toBe(1);
  });

  it("refuses anything else with one line naming the variable", () => {
    for (const value of ["yes", "-1", "11", "1.5", "true"]) {
      expect(() => loadConfig({ ...base(), LATCHKEY_TRUST_PROXY: value }, () => {})).toThrow(/^LATCHKEY_TRUST_PROXY: /);
    }
  });
});
