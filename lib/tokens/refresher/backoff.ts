/**
 * When to try again after a failed refresh: exponential backoff with full jitter ("Exponential
 * Backoff And Jitter", AWS Architecture Blog, 2015), capped, and never earlier than the vendor's
 * Retry-After (RFC 9110 §10.2.3; SECURITY 24). Pure: the random source is an argument.
 */
export interface BackoffPolicy {
  /** Ceiling of the first retry's delay. */
  baseMs: number;
  /** Largest ceiling, however many attempts failed. */
  capMs: number;
  /** Retry-After values beyond this are treated as this (a vendor typo must not park a connector for a year). */
  maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30_000, capMs: 60 * 60_000, maxRetryAfterMs: 24 * 60 * 60_000 };

export interface BackoffInput {
  /** Consecutive failures including this one (1 after the first failure). */
  failureCount: number;
  /** From the vendor's Retry-After, when it sent one. */
  retryAfterSeconds?: number | null;
  /** Uniform in [0, 1); Math.random in production. */
  random: () => number;
}

export function backoffDelayMs({ failureCount, retryAfterSeconds = null, random }: BackoffInput, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const doublings = Math.min(Math.max(0, failureCount - 1), 40);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** doublings);
  const jittered = Math.floor(Math.min(Math.max(random(), 0), 1) * ceiling);
  const vendorFloor = retryAfterSeconds === null ? 0 : Math.min(Math.max(0, retryAfterSeconds) * 1000, policy.maxRetryAfterMs);
  return Math.max(jittered, vendorFloor);
}
