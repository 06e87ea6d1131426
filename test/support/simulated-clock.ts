/**
 * Simulated time for the token lifecycle tests: only `Date` is faked (vi.useFakeTimers with
 * toFake ["Date"]), so timers, sockets, the database drivers and the scripted servers run for
 * real while every `new Date()` in our code (and in the scripted vendor, which runs in this
 * process) reads the simulated clock. The clock stands still until the test moves it.
 *
 * `eventually` replaces waitUntil (scripted-server.ts) under a fake clock: its deadline is read
 * from performance.now(), which the fake clock leaves alone, so a frozen Date cannot make it
 * wait forever.
 */
import { vi } from "vitest";

export interface SimulatedClock {
  now(): Date;
  /** Moves the clock to `at` (forwards or backwards). */
  set(at: Date | number): void;
  /** Moves the clock forwards by `ms`. */
  advance(ms: number): void;
  /** Back to real time. */
  restore(): void;
}

export function useSimulatedClock(start: Date | number = Date.now()): SimulatedClock {
  const begin = typeof start === "number" ? start : start.getTime();
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(begin);
  return {
    now: () => new Date(),
    set: (at) => vi.setSystemTime(typeof at === "number" ? at : at.getTime()),
    advance: (ms) => vi.setSystemTime(Date.now() + ms),
    restore: () => vi.useRealTimers(),
  };
}

/** Polls `condition` until it holds; fails naming `what` after `timeoutMs` of real time. Never a fixed sleep. */
export async function eventually(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
