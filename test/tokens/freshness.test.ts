import { describe, expect, it } from "vitest";
import { decide, type FreshnessInput } from "@/lib/tokens/freshness";

const now = new Date("2026-11-29T12:00:00Z");
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const askedAt = at(-0.5);
const auto = { now, askedAt, force: false, manual: false };

const fresh: FreshnessInput = {
  status: "active",
  hasAccessToken: true,
  expiresAt: at(60),
  refreshDueAt: at(54),
  keepAliveAt: null,
  refreshTokenExpiresAt: null,
  nextAttemptAt: null,
  lastAttemptAt: at(-10),
  lastRefreshedAt: at(-10),
  hasRefreshToken: true,
  clientCredentials: false,
};
const due = { ...fresh, expiresAt: at(3), refreshDueAt: at(-2) };
const expired = { ...fresh, expiresAt: at(-1), refreshDueAt: at(-6) };

describe("decide", () => {
  it("uses a fresh token and renews a due or expired one", () => {
    expect(decide(fresh, auto)).toEqual({ kind: "use" });
    expect(decide(due, auto)).toEqual({ kind: "refresh" });
    expect(decide(expired, auto)).toEqual({ kind: "refresh" });
    expect(decide({ ...fresh, expiresAt: null, refreshDueAt: null }, auto)).toEqual({ kind: "use" });
  });

  it("force renews a fresh token, unless a renewal finished after the caller asked: then it shares that one", () => {
    expect(decide(fresh, { ...auto, force: true })).toEqual({ kind: "refresh" });
    expect(decide({ ...fresh, lastAttemptAt: askedAt, lastRefreshedAt: askedAt }, { ...auto, force: true })).toEqual({ kind: "shared", succeeded: true });
    expect(decide({ ...due, lastAttemptAt: at(0), lastRefreshedAt: at(-10), status: "refresh_failing" }, { ...auto, force: true })).toEqual({
      kind: "shared",
      succeeded: false,
    });
  });

  it("needs re-authorization: automatic callers get the still-valid token or nothing, never a vendor call; a person may retry", () => {
    const revoked = { ...due, status: "needs_reauth" };
    expect(decide(revoked, auto)).toEqual({ kind: "use" });
    expect(decide({ ...revoked, expiresAt: at(-1) }, auto)).toEqual({ kind: "unavailable", reason: "needs_reauth" });
    expect(decide(revoked, { ...auto, force: true })).toEqual({ kind: "unavailable", reason: "needs_reauth" });
    expect(decide(revoked, { ...auto, force: true, manual: true })).toEqual({ kind: "refresh" });
  });

  it("backing off: automatic callers wait for nextAttemptAt; a person may retry", () => {
    const waiting = { ...due, status: "refresh_failing", nextAttemptAt: at(5) };
    expect(decide(waiting, auto)).toEqual({ kind: "use" });
    expect(decide({ ...waiting, expiresAt: at(-1) }, auto)).toEqual({ kind: "unavailable", reason: "backoff" });
    expect(decide({ ...waiting, nextAttemptAt: at(-1) }, auto)).toEqual({ kind: "refresh" });
    expect(decide(waiting, { ...auto, force: true, manual: true })).toEqual({ kind: "refresh" });
  });

  it("without a refresh token only client credentials connectors renew", () => {
    const noRefresh = { ...expired, hasRefreshToken: false };
    expect(decide(noRefresh, auto)).toEqual({ kind: "unavailable", reason: "no_refresh_token" });
    expect(decide({ ...due, hasRefreshToken: false }, auto)).toEqual({ kind: "use" });
    expect(decide({ ...noRefresh, clientCredentials: true }, auto)).toEqual({ kind: "refresh" });
  });

  it("min_ttl: renews first when the token expires sooner than the worker needs", () => {
    expect(decide(fresh, { ...auto, minTtlMs: 30 * 60_000 })).toEqual({ kind: "use" });
    expect(decide(fresh, { ...auto, minTtlMs: 61 * 60_000 })).toEqual({ kind: "refresh" });
    expect(decide({ ...fresh, expiresAt: null, refreshDueAt: null }, { ...auto, minTtlMs: 61 * 60_000 })).toEqual({ kind: "use" });
    // More than the vendor ever issues: at most one renewal per 10 s, the fresh token is used meanwhile.
    const justRenewed = { ...fresh, lastAttemptAt: at(-5 / 60), lastRefreshedAt: at(-5 / 60) };
    expect(decide(justRenewed, { ...auto, askedAt: now, minTtlMs: 120 * 60_000 })).toEqual({ kind: "use" });
    expect(decide({ ...justRenewed, lastAttemptAt: at(-11 / 60), lastRefreshedAt: at(-11 / 60) }, { ...auto, askedAt: now, minTtlMs: 120 * 60_000 })).toEqual({
      kind: "refresh",
    });
  });

  it("automatic forced renewals share any vendor call of the last 10 seconds; a person's does not", () => {
    const justRenewed = { ...fresh, lastAttemptAt: at(-5 / 60), lastRefreshedAt: at(-5 / 60) };
    const worker = { ...auto, askedAt: now, force: true };
    expect(decide(justRenewed, worker)).toEqual({ kind: "shared", succeeded: true });
    expect(decide({ ...justRenewed, lastRefreshedAt: at(-10) }, worker)).toEqual({ kind: "shared", succeeded: false });
    expect(decide({ ...fresh, lastAttemptAt: at(-11 / 60) }, worker)).toEqual({ kind: "refresh" });
    expect(decide(justRenewed, { ...auto, askedAt: now, force: true, manual: true })).toEqual({ kind: "refresh" });
  });

  it("keep-alive: renews a fresh token when an idle-expiring refresh token would otherwise lapse", () => {
    expect(decide({ ...fresh, keepAliveAt: at(-1) }, auto)).toEqual({ kind: "refresh" });
    expect(decide({ ...fresh, keepAliveAt: at(1) }, auto)).toEqual({ kind: "use" });
  });

  it("an expired refresh token cannot renew: the still-valid access token is used, then nothing", () => {
    const lapsed = { ...due, refreshTokenExpiresAt: at(-1) };
    expect(decide(lapsed, auto)).toEqual({ kind: "use" });
    expect(decide({ ...lapsed, expiresAt: at(-1) }, auto)).toEqual({ kind: "unavailable", reason: "refresh_token_expired" });
    expect(decide({ ...lapsed, clientCredentials: true }, auto)).toEqual({ kind: "refresh" });
  });

  it("a client credentials connector that never obtained a token renews at once", () => {
    const empty = {
      ...fresh,
      hasAccessToken: false,
      expiresAt: null,
      refreshDueAt: null,
      hasRefreshToken: false,
      clientCredentials: true,
      lastAttemptAt: null,
      lastRefreshedAt: null,
    };
    expect(decide(empty, auto)).toEqual({ kind: "refresh" });
    expect(decide({ ...empty, nextAttemptAt: at(5), status: "check_client" }, auto)).toEqual({ kind: "unavailable", reason: "backoff" });
  });
});
