/**
 * Redaction runs on bodies a vendor writes (token errors up to 1 MiB, test-request answers up to
 * 256 KiB), on the request path and again on every retry. For each thing it looks for, 1 MiB of
 * hostile input (see support/redaction-adversaries.ts) must be redacted in well under a second:
 * a pattern that backtracks (the former JWT regex took 1.6 s on 40 KB of "eyJ") would let one
 * response stall the process.
 *
 * Each input is tried at 64 KiB, 256 KiB and 1 MiB, so a quadratic pattern fails at the first
 * size in about a second instead of running for minutes. A run over the limit is tried up to
 * twice more and the fastest counts: other work on the machine can slow one run, a backtracking
 * pattern is slow every time (and one more than twice over the limit is not tried again).
 */
import { describe, expect, it } from "vitest";
import { excerptOf, redact } from "@/lib/oauth/redaction";
import { parseTokenResponse } from "@/lib/oauth/token-response";
import { ADVERSARIES, MIB, repeated } from "./support/redaction-adversaries";

const LIMIT_MS = 500;
const SIZES = [64 * 1024, 256 * 1024, MIB];

function fastestRun(work: () => unknown): number {
  let fastest = Infinity;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    work();
    fastest = Math.min(fastest, performance.now() - started);
    if (fastest < LIMIT_MS || fastest > 2 * LIMIT_MS) break;
  }
  return fastest;
}

function expectFastAtEverySize(make: (size: number) => string, work: (body: string) => unknown): void {
  for (const size of SIZES) {
    const body = make(size);
    const elapsed = fastestRun(() => work(body));
    expect(elapsed, `${size} characters took ${elapsed.toFixed(0)} ms`).toBeLessThan(LIMIT_MS);
  }
}

describe("redaction runs in linear time on hostile input", () => {
  it.each(ADVERSARIES.map((adversary) => [adversary.target, adversary.what, adversary] as const))("%s: %s", (_target, _what, adversary) => {
    expectFastAtEverySize(adversary.body, (body) => redact(body, adversary.secrets ?? []));
    expectFastAtEverySize(adversary.body, (body) => excerptOf(body, adversary.secrets ?? []));
  });

  it("still finds what it looks for after a long hostile prefix", () => {
    const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
    const body = `${repeated("eyJ", 64 * 1024)} ${jwt} Bearer abc-1234567 "access_token": "tok-1" &client_secret=shh ${repeated("a", 64 * 1024)}`;
    const out = redact(body, ["my-client-secret"]);
    for (const secret of [jwt, "abc-1234567", "tok-1", "shh"]) expect(out).not.toContain(secret);
  });
});

describe("parsing a hostile 1 MiB token error", () => {
  it("does not slow down with the number of secret values it holds", () => {
    // Every string under a secret-named field is also looked for everywhere in the body, in four
    // spellings. In an array they are not "name": "value" pairs, so each one is found in the body
    // and replaced: 10,000 of them in 64 KiB took seconds, 100,000 in 1 MiB would take hours.
    const make = (size: number) => {
      const values = Array.from({ length: Math.floor((size - 60) / 9) }, (_, i) => `"s${i.toString(36).padStart(5, "0")}"`);
      return `{"error":"invalid_request","token":[${values.join(",")}]}`;
    };
    expectFastAtEverySize(make, (body) =>
      parseTokenResponse({ status: 400, headers: { "content-type": "application/json" }, body }, new Date(), { secrets: ["client-secret"] }),
    );
  });

  it("collects 250,000 secret values from one array without overflowing the stack", () => {
    const body = JSON.stringify({ error: "invalid_request", token: Array.from({ length: 250_000 }, () => "a") });
    const result = parseTokenResponse({ status: 400, headers: { "content-type": "application/json" }, body }, new Date());
    expect(result.ok).toBe(false);
  });

  it("cuts a long error_description before redacting it", () => {
    const make = (size: number) => JSON.stringify({ error: "invalid_grant", error_description: repeated("eyJ", size - 50) });
    expectFastAtEverySize(make, (body) =>
      parseTokenResponse({ status: 400, headers: { "content-type": "application/json" }, body }, new Date(), { secrets: ["stored-refresh-1"] }),
    );
  });
});
