import { describe, expect, it } from "vitest";
import { backoffDelayMs, DEFAULT_BACKOFF } from "@/lib/tokens/refresher/backoff";
import { runBounded } from "@/lib/tokens/refresher/pool";

const MINUTE = 60_000;

describe("backoffDelayMs (full jitter, capped, Retry-After)", () => {
  it("draws uniformly below a ceiling that doubles per failure", () => {
    expect(backoffDelayMs({ failureCount: 1, random: () => 0.5 })).toBe(15_000);
    expect(backoffDelayMs({ failureCount: 2, random: () => 0.5 })).toBe(30_000);
    expect(backoffDelayMs({ failureCount: 3, random: () => 0.5 })).toBe(60_000);
    expect(backoffDelayMs({ failureCount: 4, random: () => 0.999 })).toBe(Math.floor(0.999 * 240_000));
    expect(backoffDelayMs({ failureCount: 1, random: () => 0 })).toBe(0);
  });

  it("never exceeds the cap, however many failures", () => {
    expect(DEFAULT_BACKOFF.capMs).toBe(60 * MINUTE);
    for (const failureCount of [8, 9, 20, 1000]) {
      expect(backoffDelayMs({ failureCount, random: () => 0.999999 })).toBeLessThanOrEqual(60 * MINUTE);
    }
    expect(backoffDelayMs({ failureCount: 20, random: () => 0.5 })).toBe(30 * MINUTE);
  });

  it("waits at least as long as Retry-After says, even past the cap, up to a day", () => {
    expect(backoffDelayMs({ failureCount: 1, retryAfterSeconds: 120, random: () => 0 })).toBe(120_000);
    expect(backoffDelayMs({ failureCount: 1, retryAfterSeconds: 1, random: () => 0.5 })).toBe(15_000);
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
