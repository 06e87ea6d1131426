import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

type Failure = { ok: false; formError?: string; fieldErrors?: Record<string, string[]> };

/**
 * Puts a server action's field errors next to the same fields the client schema uses, and
 * returns the form-level message (or null).
 */
export function applyActionErrors<T extends FieldValues>(
  result: Failure,
  setError: UseFormSetError<T>,
  knownFields: readonly string[],
  /** Stripped from server paths first, e.g. "values." when the action wraps the form as { id, values }. */
  prefix = "",
): string | null {
  const leftovers: string[] = [];
  for (const [path, messages] of Object.entries(result.fieldErrors ?? {})) {
    const field = prefix && path.startsWith(prefix) ? path.slice(prefix.length) : path;
    const message = messages[0] ?? "Invalid value";
    if (knownFields.some((known) => field === known || field.startsWith(`${known}.`))) {
      setError(field as Path<T>, { type: "server", message });
    } else {
      leftovers.push(message);
    }
  }
  return result.formError ?? (leftovers.length ? leftovers.join(" ") : null);
}
