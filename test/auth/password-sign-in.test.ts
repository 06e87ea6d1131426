/**
 * The password sign-in throttle, on both databases: backoff per (client address, email) and per
 * client address, never a lock on the account itself, state shared by every instance, old rows
 * evicted. Time is simulated (only Date is faked) so waits of minutes take no time.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { attemptPasswordSignIn, type PasswordSignInResult } from "@/lib/auth/password-sign-in";
import type { Db } from "@/lib/db";
import { createFirstAdmin } from "@/lib/users/service";
import { describeEachDatabase } from "../support/databases";
import { useSimulatedClock, type SimulatedClock } from "../support/simulated-clock";
import type { InstanceAttempt } from "../support/sign-in-instance";

const ROOT = path.resolve(import.meta.dirname, "../..");
const START = Date.parse("2026-12-02T09:00:00.000Z");
const ADMIN = { email: "admin@example.com", password: "correct horse battery" };
const WRONG = "not the password at all";
const A = "203.0.113.10";
const B = "198.51.100.20";

function attempt(db: Db, clientAddress: string, password: string, email = ADMIN.email): Promise<PasswordSignInResult> {
  return attemptPasswordSignIn(db, { email, password, clientAddress });
}

/** One real failed check of a wrong password: waits on the simulated clock while the throttle says so. */
async function failOnce(db: Db, clock: SimulatedClock, clientAddress: string, email = ADMIN.email): Promise<void> {
  for (;;) {
    const result = await attempt(db, clientAddress, WRONG, email);
    if (result.ok) throw new Error("a wrong password was accepted");
    if (result.reason === "invalid") return;
    clock.set(result.retryAt);
  }
}

function retryAfterMs(result: PasswordSignInResult): number {
  if (result.ok || result.reason !== "throttled") throw new Error(`expected a throttled result, got ${JSON.stringify(result)}`);
  return result.retryAt.getTime() - Date.now();
}

describeEachDatabase("password sign-in throttle", (ctx) => {
  let clock: SimulatedClock;

  beforeAll(async () => {
    await createFirstAdmin(ctx().db, ADMIN);
  });

  beforeEach(async () => {
    await ctx().db.signInThrottle.deleteMany();
    clock = useSimulatedClock(START);
  });

  afterEach(() => clock.restore());

  it("ten wrong passwords from address A do not stop the right password from address B", async () => {
    const { db } = ctx();
    for (let i = 0; i < 10; i++) await failOnce(db, clock, A);
    expect(await attempt(db, B, ADMIN.password)).toMatchObject({ ok: true, user: { email: ADMIN.email } });
  });

  it("address A is slowed: five free failures, then even the right password waits until the retry time", async () => {
    const { db } = ctx();
    for (let i = 0; i < 5; i++) expect(await attempt(db, A, WRONG)).toEqual({ ok: false, reason: "invalid" });
    const refused = await attempt(db, A, ADMIN.password);
    expect(retryAfterMs(refused)).toBe(1000);
    clock.advance(999);
    expect(await attempt(db, A, ADMIN.password)).toMatchObject({ ok: false, reason: "throttled" });
    clock.advance(1);
    expect(await attempt(db, A, ADMIN.password)).toMatchObject({ ok: true });
  });

  it("the wait doubles from 1 s with each further failure, up to 15 minutes", async () => {
    const { db } = ctx();
    for (let i = 0; i < 4; i++) await failOnce(db, clock, A);
    const waits: number[] = [];
    for (let i = 0; i < 13; i++) {
      await failOnce(db, clock, A);
      waits.push(retryAfterMs(await attempt(db, A, WRONG)) / 1000);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900]);
  });

  it("a success resets the (address, email) counter", async () => {
    const { db } = ctx();
    for (let i = 0; i < 4; i++) await failOnce(db, clock, A);
    expect(await attempt(db, A, ADMIN.password)).toMatchObject({ ok: true });
    for (let i = 0; i < 5; i++) expect(await attempt(db, A, WRONG)).toEqual({ ok: false, reason: "invalid" });
  });

  it("an address that fails across many emails is slowed for every email, other addresses are not", async () => {
    const { db } = ctx();
    for (let i = 0; i < 20; i++) {
      expect(await attempt(db, A, WRONG, `guess${i}@example.com`)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await attempt(db, A, ADMIN.password)).toMatchObject({ ok: false, reason: "throttled" });
    expect(await attempt(db, B, ADMIN.password)).toMatchObject({ ok: true });
  });

  it("successes from a shared address (an office behind one NAT) do not count against it", async () => {
    const { db } = ctx();
    for (let i = 0; i < 30; i++) expect(await attempt(db, A, ADMIN.password)).toMatchObject({ ok: true });
    for (let i = 0; i < 5; i++) expect(await attempt(db, A, WRONG, `typo${i}@example.com`)).toEqual({ ok: false, reason: "invalid" });
  });

  it("parallel attempts cannot slip through together: at most the free allowance is checked", async () => {
    const { db } = ctx();
    const results = await Promise.all(Array.from({ length: 12 }, () => attempt(db, A, WRONG)));
    const checked = results.filter((r) => !r.ok && r.reason === "invalid").length;
    expect(checked).toBeGreaterThanOrEqual(1);
    expect(checked).toBeLessThanOrEqual(5);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(12 - checked);
  });

  it("stores hashed keys only: no email or address in the table", async () => {
    const { db } = ctx();
    await failOnce(db, clock, A);
    const rows = await db.signInThrottle.findMany();
    expect(rows).toHaveLength(2); // per address, per (address, email)
    for (const row of rows) expect(row.key).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toMatch(/admin|example\.com|203\.0\.113/);
  });

  it("entries idle for longer than the window are evicted, and the address starts afresh", async () => {
    const { db } = ctx();
    for (let i = 0; i < 8; i++) await failOnce(db, clock, A);
    expect(await db.signInThrottle.count()).toBe(2);
    clock.advance(61 * 60 * 1000);
    // Any later attempt, from anywhere, clears out idle rows.
    await attempt(db, B, WRONG, "someone@example.com");
    const rows = await db.signInThrottle.findMany();
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.updatedAt.getTime() === Date.now())).toBe(true);
    for (let i = 0; i < 5; i++) expect(await attempt(db, A, WRONG)).toEqual({ ok: false, reason: "invalid" });
  });

  it("two instances share the state: failures in another process slow this one", async () => {
    const { db, url } = ctx();
    const at = new Date(START).toISOString();
    const attempts: InstanceAttempt[] = Array.from({ length: 5 }, () => ({ email: ADMIN.email, password: WRONG, clientAddress: A, at }));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "test/support/sign-in-instance.ts", JSON.stringify({ databaseUrl: url, attempts })],
      { cwd: ROOT },
    );
    expect(JSON.parse(stdout.trim().split("\n").at(-1)!)).toEqual({ reasons: ["invalid", "invalid", "invalid", "invalid", "invalid"] });

    expect(retryAfterMs(await attempt(db, A, ADMIN.password))).toBe(1000);
    expect(await attempt(db, B, ADMIN.password)).toMatchObject({ ok: true });
    clock.advance(1000);
    expect(await attempt(db, A, ADMIN.password)).toMatchObject({ ok: true });
  });
});
