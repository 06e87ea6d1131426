/**
 * Slows password guessing: after 10 failed attempts for one email within 15 minutes, further
 * attempts for it are refused until the window passes. Kept in memory: per instance, reset on
 * restart — enough to make online guessing impractical without a shared store.
 */
const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES = 10;
const failures = new Map<string, number[]>();

function recent(key: string, now: number): number[] {
  const list = (failures.get(key) ?? []).filter((at) => now - at < WINDOW_MS);
  if (list.length) failures.set(key, list);
  else failures.delete(key);
  return list;
}

export function isSignInLocked(email: string, now = Date.now()): boolean {
  return recent(email.toLowerCase(), now).length >= MAX_FAILURES;
}

export function recordSignInFailure(email: string, now = Date.now()): void {
  const key = email.toLowerCase();
  failures.set(key, [...recent(key, now), now]);
}

export function clearSignInFailures(email: string): void {
  failures.delete(email.toLowerCase());
}
