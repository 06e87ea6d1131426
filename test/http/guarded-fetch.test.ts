import { createServer as createTlsServer, type Server as TlsServer } from "node:tls";
import type { AddressInfo } from "node:net";
import type { LookupAddress } from "node:dns";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { guardedRequest, OutboundError, type GuardOptions, type GuardedRequest } from "@/lib/http/guarded-fetch";
import { startQuirkyVendor, type QuirkyVendor } from "../support/quirky-vendor";

let vendor: QuirkyVendor;
let port: number;

beforeAll(async () => {
  vendor = await startQuirkyVendor();
  port = Number(new URL(vendor.origin).port);
});
afterAll(() => vendor.close());

let connectionsBefore = 0;
beforeEach(() => {
  connectionsBefore = vendor.connections();
});
const newConnections = () => vendor.connections() - connectionsBefore;

const get = (url: string): GuardedRequest => ({ url, method: "GET" });

async function outboundError(promise: Promise<unknown>): Promise<OutboundError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(OutboundError);
    return error as OutboundError;
  }
  throw new Error("expected the request to be refused");
}

/** A resolver that answers from a table, counting calls. */
function fakeResolver(table: Record<string, string[] | string[][]>) {
  const calls: string[] = [];
  const resolve = async (hostname: string): Promise<LookupAddress[]> => {
    const n = calls.filter((name) => name === hostname).length;
    calls.push(hostname);
    const entry = table[hostname];
    if (!entry) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
    const answer = (Array.isArray(entry[0]) ? (entry as string[][])[Math.min(n, entry.length - 1)] : entry) as string[];
    return answer.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return { resolve, calls };
}

describe("guardedRequest: addresses (SECURITY 13)", () => {
  it("refuses the metadata address even with allowLoopback", async () => {
    for (const url of ["http://169.254.169.254/latest/meta-data/", "https://169.254.169.254/", "http://[fe80::1]/"]) {
      const error = await outboundError(guardedRequest(get(url), { allowLoopback: true, timeoutMs: 2000 }));
      expect(error.code).toBe("blocked_address");
      expect(error.message).toMatch(/never allowed/);
    }
  });

  it("refuses 127.0.0.1 and localhost without allowLoopback, before any connection is made", async () => {
    for (const host of ["127.0.0.1", "localhost"]) {
      const error = await outboundError(guardedRequest(get(`https://${host}:${port}/ok`), { allowLoopback: false }));
      expect(error.code).toBe("blocked_address");
      expect(error.message).toMatch(/loopback/);
    }
    expect(newConnections()).toBe(0);
    expect(vendor.requests.some((r) => r.path === "/ok")).toBe(false);
  });

  it("allows 127.0.0.1 and localhost with allowLoopback", async () => {
    for (const host of ["127.0.0.1", "localhost"]) {
      const response = await guardedRequest(get(`http://${host}:${port}/ok`), { allowLoopback: true });
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toEqual({ hello: "world" });
      expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    }
    expect(newConnections()).toBe(2);
  });

  it("normalises odd IP spellings before checking", async () => {
    for (const host of ["127.1", "0x7f.0.0.1", "2130706433", "[::ffff:127.0.0.1]"]) {
      const error = await outboundError(guardedRequest(get(`https://${host}:${port}/ok`), { allowLoopback: false }));
      expect(error.code).toBe("blocked_address");
    }
    for (const host of ["[::ffff:a9fe:a9fe]", "0xa9fea9fe", "[::ffff:169.254.169.254]"]) {
      const error = await outboundError(guardedRequest(get(`http://${host}:${port}/`), { allowLoopback: true }));
      expect(error.code).toBe("blocked_address");
    }
    expect(newConnections()).toBe(0);
    // …and, when loopback is allowed, the odd spelling reaches the same loopback server.
    expect((await guardedRequest(get(`http://127.1:${port}/ok`), { allowLoopback: true })).status).toBe(200);
    expect(newConnections()).toBe(1);
  });

  it("checks every resolved address: one blocked address refuses the host", async () => {
    const { resolve } = fakeResolver({ "mixed.test": ["127.0.0.1", "169.254.169.254"], "split.test": ["93.184.215.14", "127.0.0.1"] });
    expect((await outboundError(guardedRequest(get(`http://mixed.test:${port}/ok`), { allowLoopback: true, resolve }))).code).toBe("blocked_address");
    expect((await outboundError(guardedRequest(get(`https://split.test:${port}/ok`), { allowLoopback: false, resolve }))).code).toBe("blocked_address");
    expect(newConnections()).toBe(0);
  });

  it("connects to the checked address: a DNS rebind after the check has no effect", async () => {
    // First answer: loopback (allowed here). Any later answer: the metadata address.
    const { resolve, calls } = fakeResolver({ "rebind.test": [["127.0.0.1"], ["169.254.169.254"]] });
    const response = await guardedRequest(get(`http://rebind.test:${port}/ok`), { allowLoopback: true, resolve });
    expect(response.status).toBe(200);
    expect(calls).toEqual(["rebind.test"]);
    expect(vendor.requests.at(-1)?.headers.host).toBe(`rebind.test:${port}`);
    expect(newConnections()).toBe(1);
  });

  it("reports a name that does not resolve as a network error", async () => {
    const { resolve } = fakeResolver({});
    const error = await outboundError(guardedRequest(get("https://nowhere.test/"), { allowLoopback: false, resolve }));
    expect(error.code).toBe("network");
    expect(error.message).toContain("nowhere.test");
  });
});

describe("guardedRequest: TLS keeps the original host name", () => {
  let tlsServer: TlsServer;
  let tlsPort: number;
  const serverNames: string[] = [];
  beforeAll(async () => {
    // No certificate: the handshake fails after the ClientHello, which is all this test needs.
    tlsServer = createTlsServer({
      SNICallback: (name, callback) => {
        serverNames.push(name);
        callback(new Error("no certificate in this test"), undefined);
      },
    });
    tlsServer.on("tlsClientError", () => {});
    await new Promise<void>((resolve) => tlsServer.listen(0, "127.0.0.1", resolve));
    tlsPort = (tlsServer.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => tlsServer.close(() => resolve())));

  it("sends SNI for the URL's host while connecting to the pinned address", async () => {
    const { resolve } = fakeResolver({ "vendor.test": ["127.0.0.1"] });
    const error = await outboundError(guardedRequest(get(`https://vendor.test:${tlsPort}/token`), { allowLoopback: true, resolve, timeoutMs: 5000 }));
    expect(error.code).toBe("network");
    expect(serverNames).toEqual(["vendor.test"]);
  });
});

describe("guardedRequest: scheme, redirects, size, time (SECURITY 12, 14)", () => {
  const loopback: GuardOptions = { allowLoopback: true };

  it("refuses http: without allowLoopback, and other schemes always", async () => {
    const error = await outboundError(guardedRequest(get(`http://127.0.0.1:${port}/ok`), { allowLoopback: false }));
    expect(error.code).toBe("bad_scheme");
    for (const url of ["ftp://127.0.0.1/", "file:///etc/passwd", "not a url"]) {
      expect((await outboundError(guardedRequest(get(url), loopback))).code).toBe("bad_scheme");
    }
    expect((await outboundError(guardedRequest(get(`http://user:pw@127.0.0.1:${port}/ok`), loopback))).code).toBe("bad_scheme");
    expect(newConnections()).toBe(0);
  });

  it("does not follow a 302", async () => {
    const before = vendor.requests.length;
    const error = await outboundError(guardedRequest({ url: vendor.url("/redirect"), method: "POST", body: "x=1" }, loopback));
    expect(error).toMatchObject({ code: "redirect", httpStatus: 302 });
    expect(error.message).toContain(vendor.origin);
    expect(vendor.requests.slice(before).map((r) => r.path)).toEqual(["/redirect"]);

    const returned = await guardedRequest(get(vendor.url("/redirect")), { ...loopback, redirects: "return" });
    expect(returned.status).toBe(302);
    expect(returned.headers.location).toBe("/form-success");
    expect(vendor.requests.slice(before).map((r) => r.path)).toEqual(["/redirect", "/redirect"]);
  });

  it("abandons a body over maxBytes, declared or not", async () => {
    expect((await outboundError(guardedRequest(get(vendor.url("/big")), loopback))).code).toBe("too_large");
    expect((await outboundError(guardedRequest(get(vendor.url("/big-chunked")), loopback))).code).toBe("too_large");
    expect((await outboundError(guardedRequest(get(vendor.url("/ok")), { ...loopback, maxBytes: 5 }))).code).toBe("too_large");
    expect((await guardedRequest(get(vendor.url("/ok")), { ...loopback, maxBytes: 1024 })).status).toBe(200);
  });

  it("times out on a server that never answers", async () => {
    const started = Date.now();
    const error = await outboundError(guardedRequest({ url: vendor.url("/hang"), method: "POST", body: "" }, { ...loopback, timeoutMs: 300 }));
    expect(error.code).toBe("timeout");
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("sends method, headers and body as given", async () => {
    await guardedRequest(
      { url: vendor.url("/ok"), method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-extra": "1" }, body: "a=b+c" },
      loopback,
    );
    expect(vendor.requests.at(-1)).toMatchObject({
      method: "POST",
      path: "/ok",
      body: "a=b+c",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-extra": "1", "user-agent": "Latchkey" },
    });
  });
});
