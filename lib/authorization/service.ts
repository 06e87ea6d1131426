/**
 * One-click authorization (RFC 6749 §4.1 with PKCE, RFC 7636). `startAuthorization` creates a
 * pending authorization and returns the vendor URL; `completeAuthorization` handles the
 * redirect back. SECURITY 1–4: state is 256 random bits stored only as a hash, single use,
 * bound to the admin's session and to the connector's exact URLs, and expires in 10 minutes.
 */
import { createHash } from "node:crypto";
import type { Config } from "../env";
import type { Db } from "../db";
import { DomainError } from "../errors";
import { recordEvent, type Actor } from "../events";
import { newId } from "../ids";
import { buildAuthorizationUrl, createPkce, createState, requestToken, type OAuthError } from "../oauth";
import { sealField, unsealField } from "../secrets/sealed-fields";
import { loadOAuthClient } from "../connectors/oauth-client";
import { vendorTransport } from "../tokens/transport";
import { storeTokenSet } from "../tokens/token-store";
import { lifecycleSettings } from "../tokens/flight";
import { CONNECTOR_STATE, STORED_STATUS } from "../tokens/status";
import { notifyStatusChange } from "../tokens/status-alerts";
import { failureEvent } from "../tokens/failure-event";
import { vendorProse } from "../oauth/vendor-text";
import { checkResponseIssuer } from "../oauth/response-issuer";

export const PENDING_AUTHORIZATION_TTL_MS = 10 * 60 * 1000;
/** Query parameters of the redirect that are protocol, not vendor data worth keeping (RFC 6749 §4.1.2, RFC 9207). */
const PROTOCOL_REDIRECT_PARAMS = new Set(["code", "state", "iss", "error", "error_description", "error_uri", "session_state", "scope"]);

function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export interface AuthorizingSession {
  actor: Actor & { userId: string };
  sessionId: string;
}

export async function startAuthorization(db: Db, config: Config, session: AuthorizingSession, connectorId: string): Promise<string> {
  const client = await loadOAuthClient(db, config.keyRing, connectorId);
  if (client.config.grantType !== "authorization_code" || !client.config.authUrl) {
    throw new DomainError("INVALID_STATE", "Only Authorization Code connectors are authorized in the browser. Use Get token.");
  }
  if (!session.sessionId) throw new DomainError("UNAUTHENTICATED", "Sign in again to authorize.");
  const state = createState();
  const pkce = client.config.usePkce ? createPkce() : null;
  const id = newId();
  const now = Date.now();
  await db.pendingAuthorization.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
  await db.pendingAuthorization.create({
    data: {
      id,
      stateHash: sha256(state),
      connectorId,
      userId: session.actor.userId,
      sessionHash: sha256(session.sessionId),
      authUrl: client.config.authUrl,
      tokenUrl: client.config.tokenUrl,
      configVersion: client.configVersion,
      codeVerifierEnc: pkce ? sealField(config.keyRing, "PendingAuthorization.codeVerifier", id, pkce.verifier) : null,
      expiresAt: new Date(now + PENDING_AUTHORIZATION_TTL_MS),
    },
  });
  await recordEvent(db, session.actor, { connectorId, type: "authorization.started", detail: { pkce: Boolean(pkce) } });
  return buildAuthorizationUrl(client.config, { redirectUri: config.redirectUri, state, codeChallenge: pkce?.challenge ?? null });
}

export type RejectionReason =
  | "missing_state"
  | "unknown_state"
  | "state_used"
  | "state_expired"
  | "other_session"
  | "connector_changed"
  /** RFC 9207: the redirect's `iss` is not the connector's issuer (SECURITY 40). */
  | "issuer_mismatch"
  /** RFC 9207: the vendor always sends `iss`, and this redirect has none (SECURITY 40). */
  | "issuer_missing";

export type AuthorizationOutcome =
  | { kind: "rejected"; reason: RejectionReason }
  | { kind: "vendor_error"; connectorId: string; eventId: string }
  | { kind: "exchange_failed"; connectorId: string; eventId: string }
  | { kind: "authorized"; connectorId: string; eventId: string; noRefreshToken: boolean };

/**
 * Handles the redirect back from the vendor. Nothing is stored unless every check passes; every
 * refusal is on the audit trail with its reason (a replayed or foreign state is worth knowing about).
 */
export async function completeAuthorization(db: Db, config: Config, session: AuthorizingSession, query: URLSearchParams): Promise<AuthorizationOutcome> {
  const reject = (reason: RejectionReason, connectorId: string | null = null) => recordRejection(db, session, reason, connectorId);
  const state = query.get("state");
  if (!state) return reject("missing_state");
  const pending = await db.pendingAuthorization.findUnique({ where: { stateHash: sha256(state) } });
  if (!pending) return reject("unknown_state");
  if (pending.userId !== session.actor.userId || pending.sessionHash !== sha256(session.sessionId)) return reject("other_session", pending.connectorId);
  // Claim it: a conditional update, so a replay racing this request cannot also pass.
  const claimed = await db.pendingAuthorization.updateMany({ where: { id: pending.id, usedAt: null }, data: { usedAt: new Date() } });
  if (claimed.count !== 1) return reject("state_used", pending.connectorId);
  if (pending.expiresAt <= new Date()) return reject("state_expired", pending.connectorId);

  const client = await loadOAuthClient(db, config.keyRing, pending.connectorId).catch(() => null);
  if (!client || client.configVersion !== pending.configVersion || client.config.authUrl !== pending.authUrl || client.config.tokenUrl !== pending.tokenUrl) {
    return reject("connector_changed", client ? client.id : null);
  }
  const connectorId = client.id;
  // SECURITY 40: before anything of the response is used, errors included (RFC 9207 §2.4): a
  // response from another server is refused and its code is never sent to this vendor.
  const issuerCheck = checkResponseIssuer(client.config, query.getAll("iss"));
  if (issuerCheck !== "ok") return reject(issuerCheck, connectorId);

  const vendorError = query.get("error");
  if (vendorError) {
    // The vendor (or whoever crafted the redirect) wrote these: redacted and shortened before they are stored or shown.
    const secrets = [client.config.clientSecret, state, query.get("code")];
    const eventId = await recordEvent(db, session.actor, {
      connectorId,
      type: "authorization.failed",
      outcome: "failure",
      errorCode: authorizationErrorCode(vendorError),
      detail: { vendorError: vendorProse(vendorError, secrets, 100), description: vendorProse(query.get("error_description") ?? "", secrets) },
    });
    return { kind: "vendor_error", connectorId, eventId };
  }
  const code = query.get("code");
  const codeVerifier = pending.codeVerifierEnc ? unsealField(config.keyRing, "PendingAuthorization.codeVerifier", pending.id, pending.codeVerifierEnc) : null;
  const result = code
    ? await requestToken(client.config, { type: "authorization_code", code, redirectUri: config.redirectUri, codeVerifier }, vendorTransport(config))
    : { ok: false as const, error: missingCodeError() };

  if (!result.ok) {
    const eventId = await recordEvent(db, session.actor, failureEvent(connectorId, "authorization.failed", result.error));
    return { kind: "exchange_failed", connectorId, eventId };
  }
  const eventId = newId();
  const redirectParams = Object.fromEntries(
    [...query.entries()].filter(([name]) => !PROTOCOL_REDIRECT_PARAMS.has(name)).map(([name, value]) => [name, value.slice(0, 500)]),
  );
  const lifetimes = await db.connector.findUniqueOrThrow({ where: { id: connectorId }, select: { refreshTokenIdleDays: true, refreshTokenMaxDays: true } });
  const stored = await db.$transaction(async (tx) => {
    const written = await storeTokenSet(tx, config.keyRing, connectorId, result.token, {
      replaceExtra: true,
      extra: Object.keys(redirectParams).length ? { redirectParams } : {},
      minLeadMs: lifecycleSettings(config).refreshLeadMs,
      // A new grant: an absolute refresh-token lifetime starts again.
      newGrant: true,
      lifetimes: { idleDays: lifetimes.refreshTokenIdleDays, maxDays: lifetimes.refreshTokenMaxDays },
    });
    // An admin's completed Authorize connects a disconnected connector again (SECURITY 27).
    await tx.connector.update({ where: { id: connectorId }, data: { state: CONNECTOR_STATE.enabled } });
    await recordEvent(tx, session.actor, {
      id: eventId,
      connectorId,
      type: "token.authorized",
      detail: {
        refreshTokenReturned: Boolean(result.token.refreshToken),
        scopes: result.token.scopes,
        expiresAt: result.token.expiresAt,
        redirectParams: Object.keys(redirectParams),
      },
    });
    return written;
  });
  // Re-authorizing ends "needs re-authorization": the alert webhook hears that it recovered.
  void notifyStatusChange(db, config, { connectorId, previous: stored.previousStatus, next: STORED_STATUS.active, errorCode: null });
  return { kind: "authorized", connectorId, eventId, noRefreshToken: !stored.heldRefreshToken };
}

/**
 * One "authorization.rejected" event per refused callback: the reason, the signed-in admin, and
 * the connector when the state named one. The connector may be deleted meanwhile: the event is
 * then kept without it rather than lost.
 */
async function recordRejection(db: Db, session: AuthorizingSession, reason: RejectionReason, connectorId: string | null): Promise<AuthorizationOutcome> {
  const event = (id: string | null) => ({
    connectorId: id,
    type: "authorization.rejected",
    outcome: "failure" as const,
    errorCode: reason,
    detail: { reason },
  });
  await recordEvent(db, session.actor, event(connectorId)).catch(async (error: unknown) => {
    if (connectorId === null) throw error;
    await recordEvent(db, session.actor, event(null));
  });
  return { kind: "rejected", reason };
}

function missingCodeError(): OAuthError {
  return {
    code: "malformed_response",
    message: "The vendor redirected back without an authorization code.",
    vendorError: null,
    description: null,
    httpStatus: null,
    excerpt: null,
    retryable: false,
    retryAfterSeconds: null,
  };
}

/** RFC 6749 §4.1.2.1 error codes we classify; anything else a vendor invents is reported as invalid_request. */
const AUTHORIZATION_ERROR_CODES = new Set([
  "access_denied",
  "invalid_scope",
  "unauthorized_client",
  "server_error",
  "temporarily_unavailable",
  "invalid_request",
]);

function authorizationErrorCode(vendorError: string): string {
  return AUTHORIZATION_ERROR_CODES.has(vendorError) ? vendorError : "invalid_request";
}
