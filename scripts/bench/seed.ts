/**
 * Seeds connectors with a realistic mix of token states, in bulk (createMany in chunks). Used by
 * the benchmark (10,000 connectors) and by the dashboard tests (a few hundred), so both look at
 * the same shape of data. Deterministic: the same count and `now` give the same rows.
 *
 * The token columns hold placeholders, not sealed secrets: nothing here decrypts them.
 */
import type { Db } from "../../lib/db";
import { refreshDueAt } from "../../lib/tokens/status";

const VENDORS = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Wonka", "Tyrell", "Cyberdyne"];
const PRODUCTS = ["CRM", "Billing", "Tickets", "Analytics", "Storage", "Calendar", "Payroll"];
const SCOPES = ["read:items", "write:items", "offline_access", "api", "profile", "email"];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Share of each state, in percent (sums to 100). */
export const SEED_MIX = {
  notAuthorized: 11,
  active: 48,
  expiringSoon: 8,
  expired: 7,
  refreshFailing: 5,
  checkClient: 2,
  needsReauth: 5,
  disconnected: 2,
  noKnownExpiry: 12,
} as const;

type State = keyof typeof SEED_MIX;

const STORED_BY_STATE: Partial<Record<State, string>> = { refreshFailing: "refresh_failing", needsReauth: "needs_reauth", checkClient: "check_client" };

function stateOf(percentile: number): State {
  let edge = 0;
  for (const [state, share] of Object.entries(SEED_MIX) as [State, number][]) {
    edge += share;
    if (percentile < edge) return state;
  }
  return "active";
}

/** mulberry32: a small seeded PRNG, so runs are repeatable. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeedOptions {
  count: number;
  now: Date;
  /** Rows per INSERT. */
  chunkSize?: number;
  /** Prefix for ids, so several seedings can share a database. */
  idPrefix?: string;
}

export function seededRows({ count, now, idPrefix = "seed" }: SeedOptions) {
  const rand = random(count);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const connectors = [];
  const tokens = [];
  const t = now.getTime();
  for (let i = 0; i < count; i++) {
    const vendor = VENDORS[i % VENDORS.length]!;
    const id = `${idPrefix}-${i}`;
    const grantType = rand() < 0.7 ? "authorization_code" : "client_credentials";
    const createdAt = new Date(t - Math.floor(rand() * 365) * DAY);
    const state = stateOf(Math.floor(rand() * 100));
    connectors.push({
      id,
      name: `${vendor} ${pick(PRODUCTS)} ${String(i).padStart(5, "0")}`,
      grantType,
      authUrl: grantType === "authorization_code" ? `https://auth.${vendor.toLowerCase()}.example/oauth/authorize` : null,
      tokenUrl: `https://auth.${vendor.toLowerCase()}.example/oauth/token`,
      clientId: `client-${i}`,
      clientSecretEnc: `v1.seed.${id}.placeholder`,
      scopes: JSON.stringify(SCOPES.slice(0, 1 + (i % 3))),
      state: state === "disconnected" ? "disconnected" : "enabled",
      createdAt,
      updatedAt: createdAt,
    });
    if (state === "notAuthorized" || state === "disconnected") continue;
    const lifetime = pick([HOUR, 2 * HOUR, DAY, 7 * DAY]);
    let expiresAt: Date | null;
    if (state === "expiringSoon") expiresAt = new Date(t + (1 + Math.floor(rand() * 4)) * MINUTE);
    else if (state === "expired") expiresAt = new Date(t - (1 + Math.floor(rand() * 30 * 24 * 60)) * MINUTE);
    else if (state === "noKnownExpiry") expiresAt = null;
    else expiresAt = new Date(t + 10 * MINUTE + Math.floor(rand() * (lifetime - 10 * MINUTE)));
    const issuedAt = expiresAt ? new Date(expiresAt.getTime() - lifetime) : new Date(t - Math.floor(rand() * 30) * DAY);
    const failing = state === "refreshFailing" || state === "needsReauth" || state === "checkClient";
    tokens.push({
      id: `${id}-token`,
      connectorId: id,
      accessTokenEnc: `v1.seed.${id}.access`,
      refreshTokenEnc: grantType === "authorization_code" ? `v1.seed.${id}.refresh` : null,
      tokenType: "Bearer",
      expiresAt,
      refreshDueAt: state === "expiringSoon" ? new Date(t - MINUTE) : refreshDueAt(expiresAt, issuedAt),
      status: STORED_BY_STATE[state] ?? "active",
      lastErrorCode:
        state === "refreshFailing"
          ? pick(["invalid_scope", "invalid_request", "server_error"])
          : state === "needsReauth"
            ? "invalid_grant"
            : state === "checkClient"
              ? "invalid_client"
              : null,
      lastErrorText: failing ? "The vendor refused the refresh." : null,
      failureCount: failing ? 1 + Math.floor(rand() * 5) : 0,
      grantedScopes: rand() < 0.2 ? null : JSON.stringify(SCOPES.slice(0, 1 + (i % 4))),
      lastRefreshedAt: rand() < 0.1 ? null : issuedAt,
      obtainedAt: new Date(issuedAt.getTime() - Math.floor(rand() * 30) * DAY),
    });
  }
  return { connectors, tokens };
}

/** Inserts `count` connectors (and their tokens) in chunks; returns how many tokens were made. */
export async function seedConnectors(db: Db, options: SeedOptions): Promise<{ connectors: number; tokens: number }> {
  const { connectors, tokens } = seededRows(options);
  const size = options.chunkSize ?? 1000;
  for (let i = 0; i < connectors.length; i += size) await db.connector.createMany({ data: connectors.slice(i, i + size) });
  for (let i = 0; i < tokens.length; i += size) await db.token.createMany({ data: tokens.slice(i, i + size) });
  return { connectors: connectors.length, tokens: tokens.length };
}
