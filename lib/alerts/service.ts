/**
 * The alert webhook's configuration: one row holding the URL and the sealed signing secret
 * (lib/secrets/sealed-fields.ts, so key rotation re-encrypts it). The secret is generated when
 * the webhook is first saved and returned that once; afterwards only "configured" and the host
 * leave the server (the URL itself may embed a token, as chat webhooks do).
 */
import type { KeyRing } from "../crypto/key-ring";
import type { Db } from "../db";
import { recordEvent, type Actor } from "../events";
import { sealField, unsealField } from "../secrets/sealed-fields";
import { newSigningSecret } from "./signing";

/** The single webhook row's id. */
export const WEBHOOK_ID = "default";

export interface AlertWebhookSummary {
  configured: boolean;
  /** Host of the URL, for admins to recognise it. */
  host: string | null;
  updatedAt: Date | null;
}

export interface AlertWebhookTarget {
  url: string;
  secret: string;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

export async function getAlertWebhookSummary(db: Db): Promise<AlertWebhookSummary> {
  const row = await db.alertWebhook.findUnique({ where: { id: WEBHOOK_ID }, select: { url: true, updatedAt: true } });
  return row ? { configured: true, host: hostOf(row.url), updatedAt: row.updatedAt } : { configured: false, host: null, updatedAt: null };
}

/** URL and opened secret, for signing; server side only. */
export async function loadAlertWebhook(db: Db, ring: KeyRing): Promise<AlertWebhookTarget | null> {
  const row = await db.alertWebhook.findUnique({ where: { id: WEBHOOK_ID } });
  return row ? { url: row.url, secret: unsealField(ring, "AlertWebhook.secret", row.id, row.secretEnc) } : null;
}

/**
 * Saves the URL (already validated by the schema). Returns the new signing secret when one was
 * generated (first save), null when an existing webhook only changed its URL and kept its secret.
 */
export async function saveAlertWebhook(db: Db, ring: KeyRing, actor: Actor, url: string): Promise<{ secret: string | null }> {
  return db.$transaction(async (tx) => {
    const existing = await tx.alertWebhook.findUnique({ where: { id: WEBHOOK_ID }, select: { id: true } });
    let secret: string | null = null;
    if (existing) {
      await tx.alertWebhook.update({ where: { id: WEBHOOK_ID }, data: { url } });
    } else {
      secret = newSigningSecret();
      await tx.alertWebhook.create({ data: { id: WEBHOOK_ID, url, secretEnc: sealField(ring, "AlertWebhook.secret", WEBHOOK_ID, secret) } });
    }
    await recordEvent(tx, actor, { type: "alert.webhook_saved", detail: { host: hostOf(url), newSecret: secret !== null } });
    return { secret };
  });
}

export async function removeAlertWebhook(db: Db, actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    const removed = await tx.alertWebhook.deleteMany({ where: { id: WEBHOOK_ID } });
    if (removed.count) await recordEvent(tx, actor, { type: "alert.webhook_removed" });
  });
}
