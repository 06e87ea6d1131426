/**
 * The one wrapper every server action goes through (SECURITY 17): session and role first, then
 * the shared zod schema, then the work. Domain errors become `{ fieldErrors, formError }` for the
 * form; anything unexpected is logged with a reference and shown as a generic message, so no
 * internal detail (or secret) reaches the browser.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { DomainError, type DomainErrorCode } from "../errors";
import { describeError } from "../log/safe-error";
import type { Role } from "../users/schema";
import { requireSession, type CurrentSession } from "./session";

export type FieldErrors = Record<string, string[]>;

export type ActionResult<T> = { ok: true; data: T } | { ok: false; code: DomainErrorCode | "INTERNAL"; formError?: string; fieldErrors?: FieldErrors };

function inputObject(raw: unknown): unknown {
  if (typeof FormData !== "undefined" && raw instanceof FormData) {
    const entries: Record<string, FormDataEntryValue> = {};
    for (const [key, value] of raw.entries()) if (!key.startsWith("$ACTION")) entries[key] = value;
    return entries;
  }
  return raw;
}

function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}

function failure(error: unknown): ActionResult<never> {
  unstable_rethrow(error); // redirect() and notFound() must reach Next untouched
  if (error instanceof DomainError) {
    return error.field
      ? { ok: false, code: error.code, fieldErrors: { [error.field]: [error.message] } }
      : { ok: false, code: error.code, formError: error.message };
  }
  const reference = randomUUID().slice(0, 8);
  // Class, code and a redacted first line only: Prisma's messages quote the arguments of the failed call.
  console.error(`latchkey: action failed (ref ${reference}): ${describeError(error)}`);
  return { ok: false, code: "INTERNAL", formError: `Something went wrong (reference ${reference}). Nothing was changed.` };
}

async function run<S extends z.ZodType, T>(schema: S, raw: unknown, work: (input: z.output<S>) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const parsed = schema.safeParse(inputObject(raw));
    if (!parsed.success) return { ok: false, code: "INVALID_INPUT", fieldErrors: fieldErrorsOf(parsed.error) };
    return { ok: true, data: await work(parsed.data) };
  } catch (error) {
    return failure(error);
  }
}

/** An action for signed-in users with at least `role`. */
export function sessionAction<S extends z.ZodType, T>(
  role: Role,
  schema: S,
  handler: (input: z.output<S>, session: CurrentSession) => Promise<T>,
): (raw: unknown) => Promise<ActionResult<T>> {
  return async (raw) => {
    let session: CurrentSession;
    try {
      session = await requireSession(role);
    } catch (error) {
      return failure(error);
    }
    return run(schema, raw, (input) => handler(input, session));
  };
}

/**
 * An action that must work without a session (sign-in, first admin, accepting an invitation).
 * Listed by name in the access-control test, so adding one is a deliberate decision.
 */
export function publicAction<S extends z.ZodType, T>(schema: S, handler: (input: z.output<S>) => Promise<T>): (raw: unknown) => Promise<ActionResult<T>> {
  return async (raw) => run(schema, raw, handler);
}
