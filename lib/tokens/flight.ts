/**
 * Types shared by ensureFreshToken (fresh-token.ts) and the vendor call it makes under the
 * lease (refresh-attempt.ts). Results never carry a refresh token or client secret; the access
 * token is there because handing it to the caller is the point.
 */
import type { Config } from "../env";
import type { Db } from "../db";
import type { Actor } from "../events";
import { DEFAULT_LEASE_TTL_MS } from "./lease";
import { DEFAULT_MIN_LEAD_MS } from "./status";
import type { TokenFailure } from "./token-failure";

/** "refresh": renew with the refresh token (or the client credentials grant); "obtain": Get token (client credentials). */
export type FlightPurpose = "refresh" | "obtain";

export interface FlightContext {
  db: Db;
  config: Config;
  connectorId: string;
  purpose: FlightPurpose;
  force: boolean;
  manual: boolean;
  actor: Actor;
  askedAt: Date;
  random: () => number;
  /** Renew first when the token expires sooner than this (a worker's `min_ttl`); 0 for none. */
  minTtlMs: number;
}

export interface FreshToken {
  ok: true;
  accessToken: string;
  tokenType: string | null;
  expiresAt: Date | null;
  version: number;
  /** This call renewed the token at the vendor. */
  refreshed: boolean;
  /** Another caller's renewal (in this or another process) is what this call returns. */
  shared: boolean;
  refreshTokenRotated: boolean;
  /** The event recorded for this call, when it recorded one. */
  eventId: string | null;
  /** When a renewal is next due (early renewal or keep-alive); null when none is planned. */
  renewAt: Date | null;
  /**
   * Set when a renewal was due but failed (or is backing off) and this is the stored token,
   * still valid: the caller can use it, the failure is recorded and retried with backoff.
   */
  renewalFailure?: TokenFailure;
}

export interface FreshTokenFailure {
  ok: false;
  error: TokenFailure;
  shared: boolean;
  eventId: string | null;
}

export type FreshTokenResult = FreshToken | FreshTokenFailure;

/** Lease TTL and renewal lead from the configuration; tests may pass a partial Config. */
export function lifecycleSettings(config: Config): { leaseTtlMs: number; refreshLeadMs: number } {
  return { leaseTtlMs: config.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS, refreshLeadMs: config.refreshLeadMs ?? DEFAULT_MIN_LEAD_MS };
}
