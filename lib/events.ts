import type { Db } from "./db";
import { newId } from "./ids";

export interface Actor {
  userId: string | null;
  /** Shown in history: the user's email, "system", "api-key:<name>". */
  label: string;
}

export const SYSTEM_ACTOR: Actor = { userId: null, label: "system" };

export interface EventInput {
  /** Set when the caller needs to point at the event afterwards (e.g. an outcome banner). */
  id?: string;
  connectorId?: string | null;
  type: string;
  outcome?: "success" | "failure";
  errorCode?: string | null;
  /** Redacted details: never secret values. */
  detail?: Record<string, unknown>;
}

type EventWriter = Pick<Db, "event">;

/** Appends to the audit trail (SECURITY 26). */
export async function recordEvent(db: EventWriter, actor: Actor, input: EventInput): Promise<string> {
  const id = input.id ?? newId();
  await db.event.create({
    data: {
      id,
      connectorId: input.connectorId ?? null,
      actorId: actor.userId,
      actorLabel: actor.label,
      type: input.type,
      outcome: input.outcome ?? "success",
      errorCode: input.errorCode ?? null,
      detail: JSON.stringify(input.detail ?? {}),
    },
  });
  return id;
}
