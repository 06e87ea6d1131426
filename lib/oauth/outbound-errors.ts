/**
 * Turning a failure to send (thrown by the injected `send`) into an OAuthError. The guarded
 * outbound module throws OutboundError with a safe message; anything else thrown is reported
 * without its message, which could quote a URL or a body.
 *
 *   OutboundError bad_scheme, blocked_address → blocked_address (refused by policy, no retry)
 *   OutboundError timeout, AbortError/TimeoutError → timeout (retryable)
 *   OutboundError network, anything else        → network (retryable)
 *   OutboundError too_large                     → malformed_response
 *   OutboundError redirect                      → malformed_response (with the 3xx status)
 */
import { isOutboundError, type OutboundErrorCode } from "../http/outbound-error";
import { messageFor, RETRYABLE } from "./error-classification";
import type { OAuthError, OAuthErrorCode } from "./types";

export const OUTBOUND_CLASSES: Readonly<Record<OutboundErrorCode, OAuthErrorCode>> = {
  bad_scheme: "blocked_address",
  blocked_address: "blocked_address",
  timeout: "timeout",
  network: "network",
  too_large: "malformed_response",
  redirect: "malformed_response",
};

export function classifyOutboundError(error: unknown): OAuthError {
  if (isOutboundError(error)) {
    return outboundFailure(OUTBOUND_CLASSES[error.code], error.message, error.httpStatus ?? null);
  }
  const name = error instanceof Error || (typeof error === "object" && error !== null) ? (error as { name?: unknown }).name : undefined;
  if (name === "AbortError" || name === "TimeoutError") return outboundFailure("timeout", messageFor("timeout", null), null);
  return outboundFailure("network", messageFor("network", null), null);
}

function outboundFailure(code: OAuthErrorCode, message: string, httpStatus: number | null): OAuthError {
  return {
    code,
    message,
    vendorError: null,
    description: null,
    httpStatus,
    excerpt: null,
    retryable: RETRYABLE.has(code),
    retryAfterSeconds: null,
  };
}
