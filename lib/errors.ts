/**
 * Domain errors carry a stable code and a message that is safe to show an admin. Anything else
 * thrown inside an action is logged on the server and replaced by a generic message.
 */
export type DomainErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "INVALID_INPUT" | "INVALID_STATE";

export class DomainError extends Error {
  override name = "DomainError";
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** The form field the error belongs to, when there is one. */
    readonly field?: string,
  ) {
    super(message);
  }
}

export const SIGN_IN_REQUIRED = "Sign in to continue.";
export const ADMIN_REQUIRED = "Only admins can do this.";
