/**
 * A password sign-in attempt behind the throttle (./sign-in-throttle.ts): refused with a retry
 * time while its client address, or its address and email, must wait; otherwise the password is
 * checked. Takes the database and the time explicitly so tests run it on both databases, from
 * several processes, on a simulated clock.
 */
import type { Db } from "../db";
import { authenticateWithPassword, type SessionUser } from "../users/service";
import { DIRECT_CLIENTS } from "./client-address";
import {
  PER_ADDRESS,
  PER_ADDRESS_AND_EMAIL,
  claimAttempt,
  clearKey,
  evictIdleEntries,
  releaseClaim,
  throttleKey,
  throttledUntil,
  type BackoffPolicy,
  type Claim,
} from "./sign-in-throttle";

export type PasswordSignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "invalid" }
  /** Not checked: too many recent failures. Try again at `retryAt`. */
  | { ok: false; reason: "throttled"; retryAt: Date };

export interface PasswordSignInInput {
  email: string;
  password: string;
  /** From ./client-address.ts. */
  clientAddress: string;
}

export async function attemptPasswordSignIn(db: Db, input: PasswordSignInInput, now = new Date()): Promise<PasswordSignInResult> {
  // Opportunistic: one indexed delete per attempt keeps the table as small as recent attacks.
  await evictIdleEntries(db, now);
  const email = input.email.trim().toLowerCase();
  const keys: [string, BackoffPolicy][] = [[throttleKey("address+email", input.clientAddress, email), PER_ADDRESS_AND_EMAIL]];
  // Without a trusted proxy every client shares the "direct" address: a per-address limit would
  // then be one global limit that anybody could trip to slow everyone's sign-in, so only the
  // per-(address, email) limit applies (it then works per email).
  const addressKey = input.clientAddress === DIRECT_CLIENTS ? null : throttleKey("address", input.clientAddress);
  if (addressKey) keys.push([addressKey, PER_ADDRESS]);

  // Look first, so a refusal names the later of the two waits.
  const waits = await Promise.all(keys.map(([key]) => throttledUntil(db, key, now)));
  const retryAt = latest(waits);
  if (retryAt) return { ok: false, reason: "throttled", retryAt };

  const claims: Claim[] = [];
  for (const [key, policy] of keys) {
    const claimed = await claimAttempt(db, key, policy, now);
    if (!claimed.ok) {
      for (const claim of claims) await releaseClaim(db, claim);
      return { ok: false, reason: "throttled", retryAt: claimed.retryAt };
    }
    claims.push(claimed.claim);
  }

  const user = await authenticateWithPassword(db, email, input.password);
  if (!user) return { ok: false, reason: "invalid" }; // the claims stand as the failures they were
  const [accountClaim, addressClaim] = claims;
  await clearKey(db, accountClaim!.key);
  // The address keeps its other failures: a guesser holding one valid account must not be able
  // to wipe the count of its guesses at other accounts by signing in.
  if (addressClaim) await releaseClaim(db, addressClaim);
  return { ok: true, user };
}

function latest(dates: (Date | null)[]): Date | null {
  return dates.reduce<Date | null>((later, date) => (date && (!later || date > later) ? date : later), null);
}
