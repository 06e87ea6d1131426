import { describe, expect, it } from "vitest";
import { BACKOFF_BY_CLASS, backoffDelayMs, DEFAULT_BACKOFF, nextAttemptAfter } from "@/lib/tokens/refresher/backoff";
import { runBounded } from "@/lib/tokens/refresher/pool";

const MINUTE = 60_000;

describe("backoffDelayMs (equal jitter, fourfold growth, exactly one hour at the cap, Retry-After)", () => {
  it("draws between half the ceiling and the ceiling, which grows fourfold per failure", () => {
    expect(backoffDelayMs({ failureCount: 1, random: () => 0 })).toBe(15_000);
    expect(backoffDelayMs({ failureCount: 1, random: () => 0.5 })).toBe(22_500);
    expect(backoffDelayMs({ failureCount: 2, random: () => 0.5 })).toBe(90_000);
    expect(backoffDelayMs({ failureCount: 3, random: () => 0.5 })).toBe(360_000);
    expect(backoffDelayMs({ failureCount: 4, random: () => 0.999 })).toBe(Math.floor(960_000 + 0.999 * 960_000));
  });

  it("is exactly the one-hour cap once reached, so a failing connector costs at most 24 calls a day", () => {
    expect(DEFAULT_BACKOFF.capMs).toBe(60 * MINUTE);
    for (const failureCount of [5, 8, 20, 1000]) {
      for (const r of [0, 0.5, 0.999999]) expect(backoffDelayMs({ failureCount, random: () => r })).toBe(60 * MINUTE);
    }
  });

  it("reaches the cap within the first hour of failures, whatever the jitter", () => {
    let elapsed = 0;
    let failureCount = 1;
    while (backoffDelayMs({ failureCount, random: () => 0.999999 }) < 60 * MINUTE)
      elapsed += backoffDelayMs({ failureCount: failureCount++, random: () => 0.999999 });
    expect(elapsed).toBeLessThan(60 * MINUTE);
  });

  it("retries refused requests later and wrong client credentials slowly; never re-authorization", () => {
    const now = new Date("2026-12-01T00:00:00Z");
    const after = (cls: Parameters<typeof nextAttemptAfter>[0]) => nextAttemptAfter(cls, { failureCount: 1, random: () => 0 }, now)?.getTime() ?? null;
    expect(after("transient")! - now.getTime()).toBe(15_000);
    expect(after("refresh_failing")! - now.getTime()).toBe(60_000);
    expect(after("check_client")! - now.getTime()).toBe(7.5 * MINUTE);
    expect(BACKOFF_BY_CLASS.check_client.capMs).toBe(60 * MINUTE);
    expect(after("needs_reauth")).toBeNull();
  });

  it("waits at least as long as Retry-After says, even past the cap, up to a day", () => {
    expect(backoffDelayMs({ failureCount: 1, retryAfterSeconds: 120, random: () => 0 })).toBe(120_000);
    expect(backoffDelayMs({ failureCount: 1, retryAfterSeconds: 1, random: () => 0.5 })).toBe(22_500);
    expect(backoffDelayMs({ failureCount: 1, retryAfterSeconds: 7200, random: () => 0 })).toBe(120 * MINUTE);
    expect(backoffDelayMs({ failureCount: 1, retryAfterSeconds: 10 ** 9, random: () => 0 })).toBe(24 * 60 * MINUTE);
  });
});

describe("runBounded", () => {
  it("keeps at most `limit` calls in flight and starts the next as soon as one settles", async () => {
    const started: number[] = [];
    const release = new Map<number, () => void>();
    const work = (item: number) =>
      new Promise<number>((resolve, reject) => {
        started.push(item);
        release.set(item, () => (item === 2 ? reject(new Error("boom")) : resolve(item * 10)));
      });
    const settled = runBounded([1, 2, 3, 4, 5, 6], 4, work);
    await Promise.resolve();
    expect(started).toEqual([1, 2, 3, 4]);
    release.get(2)!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([1, 2, 3, 4, 5]);
    for (const item of [1, 3, 4, 5]) release.get(item)!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([1, 2, 3, 4, 5, 6]);
    release.get(6)!();
    const results = await settled;
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
    expect(results[0]).toEqual({ status: "fulfilled", value: 10 });
  });
});
