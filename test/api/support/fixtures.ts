/**
 * Connectors, tokens and API keys for the machine-API tests: a connector pointing its API Base
 * URL at the recording upstream, with either a stored token (placement tests) or a token obtained
 * from the real test vendor (refresh tests).
 */
import { randomBytes } from "node:crypto";
import { parseKeyRing } from "@/lib/crypto/key-ring";
import type { Config } from "@/lib/env";
import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/events";
import { connectorSchema, defaultConnectorValues, type ConnectorFormValues } from "@/lib/connectors/schema";
import { createConnector } from "@/lib/connectors/service";
import { completeAuthorization, startAuthorization } from "@/lib/authorization/service";
import { storeTokenSet } from "@/lib/tokens/token-store";
import { createApiKey } from "@/lib/api-keys/service";
import { GuardedStreamPool } from "@/lib/http/guarded-stream";
import type { ProxyDeps } from "@/lib/proxy/forward";
import { followToRedirectUri } from "@/e2e/vendor/browserless-authorization";
import type { TestVendor } from "@/e2e/vendor/test-vendor";

export const REDIRECT_URI = "http://localhost:3999/oauth2/redirect_url";
export const KEY_ENTRY = `k1:${randomBytes(32).toString("base64")}`;
export const config = {
  keyRing: parseKeyRing(KEY_ENTRY),
  devAllowLoopback: true,
  redirectUri: REDIRECT_URI,
  publicUrl: "http://localhost:3999",
  refreshLeadMs: 5 * 60_000,
  leaseTtlMs: 30_000,
} as Config;

const schema = connectorSchema({ allowLoopback: true });

export async function admin(db: Db, email = "admin@example.com"): Promise<Actor & { userId: string }> {
  const user = await db.user.upsert({ where: { email }, create: { id: `u-${email}`, email, role: "admin" }, update: {} });
  return { userId: user.id, label: user.email };
}

let counter = 0;
const uniqueName = (base: string) => `${base} ${++counter}-${randomBytes(3).toString("hex")}`;

export async function connectorWithToken(
  db: Db,
  values: Partial<ConnectorFormValues> & { apiBaseUrl: string },
  accessToken = `at-${randomBytes(8).toString("hex")}`,
) {
  const actor = await admin(db);
  const input = schema.parse({
    ...defaultConnectorValues(),
    name: uniqueName("Stored"),
    grantType: "client_credentials",
    tokenUrl: "http://127.0.0.1:9/token",
    clientId: "id",
    clientSecret: "client-secret-value",
    ...values,
  });
  const { id } = await createConnector(db, config.keyRing, actor, input);
  await storeTokenSet(db, config.keyRing, id, {
    accessToken,
    tokenType: "Bearer",
    expiresAt: new Date(Date.now() + 3600_000),
    refreshToken: "stored-refresh-token",
    scopes: null,
    extra: {},
  });
  await authorizedAWhileAgo(db, id);
  return { id, accessToken };
}

/** A connector authorized at the real test vendor (authorization code, refresh token held). */
export async function authorizedConnector(db: Db, vendor: TestVendor, apiBaseUrl: string) {
  const actor = await admin(db);
  const input = schema.parse({
    ...defaultConnectorValues(),
    name: uniqueName("Vendor"),
    authUrl: vendor.authorizationEndpoint,
    tokenUrl: vendor.tokenEndpoint,
    clientId: vendor.clients.authCode.id,
    clientSecret: vendor.clients.authCode.secret,
    scopes: ["openid", "read:items"],
    apiBaseUrl,
  });
  const { id } = await createConnector(db, config.keyRing, actor, input);
  const session = { actor, sessionId: `session-${id}` };
  const url = await startAuthorization(db, config, session, id);
  const redirect = await followToRedirectUri(url, { redirectUri: REDIRECT_URI });
  const outcome = await completeAuthorization(db, config, session, redirect.searchParams);
  if (outcome.kind !== "authorized") throw new Error(`authorization failed: ${JSON.stringify(outcome)}`);
  await authorizedAWhileAgo(db, id);
  return { id };
}

/**
 * Moves the last vendor call a minute into the past: automatic forced renewals (a vendor 401)
 * share any vendor call of the last 10 s, and these tests start from a token that is not brand new.
 */
export async function authorizedAWhileAgo(db: Db, connectorId: string): Promise<void> {
  const aMinuteAgo = new Date(Date.now() - 60_000);
  await db.token.update({ where: { connectorId }, data: { lastAttemptAt: aMinuteAgo, lastRefreshedAt: aMinuteAgo } });
}

export async function expireToken(db: Db, connectorId: string): Promise<void> {
  const past = new Date(Date.now() - 60_000);
  await db.token.update({ where: { connectorId }, data: { expiresAt: past, refreshDueAt: past } });
}

export async function apiKey(
  db: Db,
  connectorId: string | null = null,
): Promise<{ key: string; id: string; requester: { connectorId: string | null; actor: Actor } }> {
  const created = await createApiKey(db, await admin(db), { name: uniqueName("worker"), connectorId: connectorId ?? "" });
  return { key: created.key, id: created.id, requester: { connectorId, actor: { userId: null, label: "api-key:test" } } };
}

export function proxyDeps(db: Db): ProxyDeps & { pool: GuardedStreamPool } {
  return { db, config, pool: new GuardedStreamPool({ allowLoopback: true }) };
}

export function refreshCalls(vendor: TestVendor): number {
  return vendor.tokenRequests().filter((request) => request.body.grant_type === "refresh_token").length;
}
