/**
 * When to try again after a failed renewal. Pure: the random source is an argument.
 *
 * The delay's ceiling starts at the failure class's base and grows fourfold per consecutive
 * failure up to one hour (CAP). Below the cap the delay is drawn between half the ceiling and
 * the ceiling ("equal jitter", AWS Architecture Blog, "Exponential Backoff And Jitter", 2015),
 * which spreads retries without ever retrying at once. At the cap it is exactly one hour, so
 * a connector that keeps failing costs its vendor at most 24 calls a day once the ramp (well
 * under an hour) is over. A vendor's Retry-After (RFC 9110 §10.2.3) is never undercut
 * (SECURITY 24), up to a day. Connectors that need re-authorization are not retried at all.
 */
import type { FailureClass } from "../../oauth";

export interface BackoffPolicy {
  /** Ceiling of the first retry's delay. */
  baseMs: number;
  /** Largest delay, however many attempts failed. */
  capMs: number;
  /** Retry-After values beyond this are treated as this (a vendor typo must not park a connector for a year). */
  maxRetryAfterMs: number;
}

const MINUTE = 60_000;
export const CAP_MS = 60 * MINUTE;
const GROWTH = 4;

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30_000, capMs: CAP_MS, maxRetryAfterMs: 24 * 60 * MINUTE };

/** Retrying classes: transient errors soon, refused requests a little later, wrong client credentials slowly. */
export const BACKOFF_BY_CLASS: Record<Exclude<FailureClass, "needs_reauth">, BackoffPolicy> = {
  transient: DEFAULT_BACKOFF,
  refresh_failing: { ...DEFAULT_BACKOFF, baseMs: 2 * MINUTE },
  check_client: { ...DEFAULT_BACKOFF, baseMs: 15 * MINUTE },
};

export interface BackoffInput {
  /** Consecutive failures including this one (1 after the first failure). */
  failureCount: number;
  /** From the vendor's Retry-After, when it sent one. */
  retryAfterSeconds?: number | null;
  /** Uniform in [0, 1); Math.random in production. */
  random: () => number;
}

export function backoffDelayMs({ failureCount, retryAfterSeconds = null, random }: BackoffInput, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const steps = Math.min(Math.max(0, failureCount - 1), 20);
  const ceiling = policy.baseMs * GROWTH ** steps;
  const delay = ceiling >= policy.capMs ? policy.capMs : Math.floor(ceiling / 2 + (Math.min(Math.max(random(), 0), 1) * ceiling) / 2);
  const vendorFloor = retryAfterSeconds === null ? 0 : Math.min(Math.max(0, retryAfterSeconds) * 1000, policy.maxRetryAfterMs);
  return Math.max(delay, vendorFloor);
}

/** The next automatic attempt after a failure of this class; null when none should run. */
export function nextAttemptAfter(failureClass: FailureClass, input: BackoffInput, now: Date): Date | null {
  if (failureClass === "needs_reauth") return null;
  return new Date(now.getTime() + backoffDelayMs(input, BACKOFF_BY_CLASS[failureClass]));
}
