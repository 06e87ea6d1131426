import { describe, expect, it } from "vitest";
import { classifyAddress, ipLiteralOf, isAllowed } from "@/lib/http/address-policy";

describe("ipLiteralOf: odd spellings are normalised before checking", () => {
  it.each([
    ["127.1", "127.0.0.1"],
    ["0x7f.0.0.1", "127.0.0.1"],
    ["0177.0.0.1", "127.0.0.1"],
    ["2130706433", "127.0.0.1"],
    ["0xa9fea9fe", "169.254.169.254"],
    ["[::ffff:127.0.0.1]", "::ffff:7f00:1"],
    ["::ffff:a9fe:a9fe", "::ffff:a9fe:a9fe"],
    ["[::1]", "::1"],
  ])("%s → %s", (input, expected) => {
    expect(ipLiteralOf(input)).toBe(expected);
  });

  it("returns null for DNS names", () => {
    expect(ipLiteralOf("localhost")).toBeNull();
    expect(ipLiteralOf("vendor.example.com")).toBeNull();
  });
});

describe("classifyAddress", () => {
  it.each([
    ["169.254.169.254", "always_blocked", "cloud metadata"],
    ["169.254.1.1", "always_blocked", "link-local"],
    ["100.100.100.200", "always_blocked", "cloud metadata"],
    ["168.63.129.16", "always_blocked", "cloud metadata"],
    ["::ffff:168.63.129.16", "always_blocked", "cloud metadata (embedded in IPv6)"],
    ["168.63.129.17", "public", "public"],
    ["fd00:ec2::254", "always_blocked", "cloud metadata"],
    ["fe80::1", "always_blocked", "link-local"],
    ["fe80::1%eth0", "always_blocked", "link-local"],
    ["0.0.0.0", "always_blocked", '"this network"'],
    ["::", "always_blocked", "unspecified"],
    ["224.0.0.1", "always_blocked", "multicast"],
    ["255.255.255.255", "always_blocked", "reserved or broadcast"],
    ["::ffff:a9fe:a9fe", "always_blocked", "cloud metadata (embedded in IPv6)"],
    ["::ffff:169.254.169.254", "always_blocked", "cloud metadata (embedded in IPv6)"],
    ["64:ff9b::a9fe:a9fe", "always_blocked", "cloud metadata (embedded in IPv6)"],
    ["2002:a9fe:a9fe::1", "always_blocked", "cloud metadata (embedded in IPv6)"],
    ["127.0.0.1", "local", "loopback"],
    ["127.255.0.9", "local", "loopback"],
    ["::1", "local", "loopback"],
    ["::ffff:127.0.0.1", "local", "loopback (embedded in IPv6)"],
    ["10.1.2.3", "local", "private"],
    ["172.16.0.1", "local", "private"],
    ["172.31.255.255", "local", "private"],
    ["192.168.1.1", "local", "private"],
    ["100.64.0.1", "local", "carrier-grade NAT"],
    ["fd12:3456::1", "local", "unique-local"],
    ["93.184.215.14", "public", "public"],
    ["172.32.0.1", "public", "public"],
    ["2606:4700::6810:85e5", "public", "public"],
    ["::ffff:93.184.215.14", "public", "public"],
  ])("%s is %s (%s)", (address, verdict, range) => {
    expect(classifyAddress(address)).toMatchObject({ verdict, range });
  });

  it("allows local addresses only with allowLoopback, and always-blocked ones never", () => {
    const loopback = classifyAddress("127.0.0.1");
    const metadata = classifyAddress("169.254.169.254");
    const publicAddress = classifyAddress("8.8.8.8");
    expect(isAllowed(loopback, { allowLoopback: false })).toBe(false);
    expect(isAllowed(loopback, { allowLoopback: true })).toBe(true);
    expect(isAllowed(metadata, { allowLoopback: true })).toBe(false);
    expect(isAllowed(publicAddress, { allowLoopback: false })).toBe(true);
  });

  it("refuses to classify something that is not an IP address", () => {
    expect(() => classifyAddress("example.com")).toThrow(TypeError);
  });
});
