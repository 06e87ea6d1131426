/**
 * The one error the guarded outbound HTTP module throws. Codes are stable; messages are safe to
 * show an admin: they name the host and the reason, never a path, query, header or body (any of
 * which may carry a credential).
 */
export type OutboundErrorCode = "bad_scheme" | "blocked_address" | "timeout" | "network" | "too_large" | "redirect";

export const OUTBOUND_ERROR_CODES: readonly OutboundErrorCode[] = ["bad_scheme", "blocked_address", "timeout", "network", "too_large", "redirect"];

export class OutboundError extends Error {
  override name = "OutboundError";
  constructor(
    readonly code: OutboundErrorCode,
    message: string,
    /** The HTTP status, for `redirect` (the 3xx that was not followed). */
    readonly httpStatus: number | null = null,
  ) {
    super(message);
  }
}

/**
 * True for an OutboundError, also one from another copy of this module (bundlers and test
 * runners can load a module twice, which defeats `instanceof`).
 */
export function isOutboundError(error: unknown): error is OutboundError {
  if (error instanceof OutboundError) return true;
  if (typeof error !== "object" || error === null) return false;
  const candidate = error as { name?: unknown; code?: unknown };
  return candidate.name === "OutboundError" && OUTBOUND_ERROR_CODES.includes(candidate.code as OutboundErrorCode);
}
