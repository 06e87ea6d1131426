/**
 * Connectors with tokens for the token lifecycle tests: a configuration the services accept,
 * connectors pointed at a given token URL, tokens stored directly (due, expired, fresh), and a
 * real authorization against the test vendor.
 */
import { randomBytes } from "node:crypto";
import { parseKeyRing } from "@/lib/crypto/key-ring";
import type { Db } from "@/lib/db";
import type { Config } from "@/lib/env";
import { SYSTEM_ACTOR, type Actor } from "@/lib/events";
import { connectorSchema, defaultConnectorValues, type ConnectorFormValues } from "@/lib/connectors/schema";
import { createConnector } from "@/lib/connectors/service";
import { completeAuthorization, startAuthorization } from "@/lib/authorization/service";
import { storeTokenSet } from "@/lib/tokens/token-store";
import { followToRedirectUri } from "@/e2e/vendor/browserless-authorization";
import type { TestVendor } from "@/e2e/vendor/test-vendor";

export const REDIRECT_URI = "http://localhost:3999/oauth2/redirect_url";

/** A key ring entry as LATCHKEY_ENCRYPTION_KEYS spells it, so child processes can share it. */
export function keyRingEntry(id = "k1"): string {
  return `${id}:${randomBytes(32).toString("base64")}`;
}

export function testConfig(overrides: Partial<Config> = {}, keys = keyRingEntry()): Config {
  return {
    keyRing: parseKeyRing(keys),
    devAllowLoopback: true,
    redirectUri: REDIRECT_URI,
    publicUrl: "http://localhost:3999",
    leaseTtlMs: 30_000,
    refreshLeadMs: 300_000,
    refresherEnabled: false,
    ...overrides,
  } as Config;
}

let counter = 0;

export async function makeConnector(db: Db, config: Config, values: Partial<ConnectorFormValues> & { tokenUrl: string }): Promise<string> {
  counter += 1;
  const input = connectorSchema({ allowLoopback: true }).parse({
    ...defaultConnectorValues(),
    name: `Connector ${counter} ${randomBytes(3).toString("hex")}`,
    authUrl: "http://127.0.0.1:9/authorize",
    clientId: "client-id",
    clientSecret: "client-secret-value",
    ...values,
  });
  return (await createConnector(db, config.keyRing, SYSTEM_ACTOR, input)).id;
}

/**
 * Stores a token set as if a grant had returned it `issuedAgoMs` ago (a minute by default, so
 * the last vendor call is not "just now": automatic forced renewals share any call of the last
 * 10 s); `expiresInMs` from now (negative: expired).
 */
export async function storeToken(
  db: Db,
  config: Config,
  connectorId: string,
  token: { access: string; refresh?: string | null; expiresInMs: number | null; issuedAgoMs?: number },
): Promise<void> {
  await storeTokenSet(
    db,
    config.keyRing,
    connectorId,
    {
      accessToken: token.access,
      refreshToken: token.refresh ?? null,
      tokenType: "Bearer",
      expiresAt: token.expiresInMs === null ? null : new Date(Date.now() + token.expiresInMs),
      scopes: null,
      extra: {},
    },
    { now: new Date(Date.now() - (token.issuedAgoMs ?? 60_000)), minLeadMs: config.refreshLeadMs },
  );
}

/** A connector at `tokenUrl` holding a refresh token whose access token is due for renewal. */
export async function dueConnector(db: Db, config: Config, tokenUrl: string, names = { access: "old-access", refresh: "old-refresh" }): Promise<string> {
  const id = await makeConnector(db, config, { tokenUrl });
  await storeToken(db, config, id, { access: names.access, refresh: names.refresh, expiresInMs: 60_000 });
  return id;
}

export async function adminActor(db: Db, email = "admin@example.com"): Promise<Actor & { userId: string }> {
  const user = await db.user.upsert({ where: { email }, create: { id: `u-${email}`, email, role: "admin" }, update: {} });
  return { userId: user.id, label: user.email };
}

/** Authorizes a connector at the (auto-approving) test vendor; its token requests go to `tokenUrl`. */
export async function authorizedAtVendor(db: Db, config: Config, vendor: TestVendor, tokenUrl = vendor.tokenEndpoint): Promise<string> {
  const actor = await adminActor(db);
  const id = await makeConnector(db, config, {
    authUrl: vendor.authorizationEndpoint,
    tokenUrl,
    clientId: vendor.clients.authCode.id,
    clientSecret: vendor.clients.authCode.secret,
    scopes: ["openid", "read:items"],
  });
  const session = { actor, sessionId: `session-${id}` };
  const redirect = await followToRedirectUri(await startAuthorization(db, config, session, id), { redirectUri: REDIRECT_URI });
  const outcome = await completeAuthorization(db, config, session, redirect.searchParams);
  if (outcome.kind !== "authorized") throw new Error(`authorization failed: ${JSON.stringify(outcome)}`);
  // Authorized a minute ago: automatic forced renewals share any vendor call of the last 10 s.
  const aMinuteAgo = new Date(Date.now() - 60_000);
  await db.token.update({ where: { connectorId: id }, data: { lastAttemptAt: aMinuteAgo, lastRefreshedAt: aMinuteAgo } });
  return id;
}
