import type { EventInput } from "../events";
import type { TokenFailure } from "./token-failure";

/** The audit event for a failed vendor call: class, safe message and a redacted excerpt only. */
export function failureEvent(connectorId: string, type: string, error: TokenFailure, extra: Record<string, unknown> = {}): EventInput {
  return {
    connectorId,
    type,
    outcome: "failure",
    errorCode: error.code,
    detail: {
      message: error.message,
      vendorError: error.vendorError,
      description: error.description,
      httpStatus: error.httpStatus,
      excerpt: error.excerpt,
      ...extra,
    },
  };
}
