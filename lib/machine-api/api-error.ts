/**
 * The machine API's errors: JSON `{ error: "<code>", message }` with a stable code, a fixed
 * HTTP status, and `Cache-Control: no-store`. Messages never quote a token, secret or vendor body.
 */
export const API_ERRORS = {
  invalid_api_key: 401,
  key_lacks_access: 403,
  unknown_connector: 404,
  not_authorized: 409,
  needs_reauthorization: 409,
  check_client_credentials: 409,
  disconnected: 409,
  invalid_parameter: 400,
  no_api_base_url: 409,
  api_base_url_incomplete: 409,
  api_base_url_refused: 409,
  bad_path: 400,
  method_not_allowed: 405,
  upstream_refused: 502,
  upstream_unreachable: 502,
  upstream_timeout: 504,
  internal_error: 500,
} as const;

export type ApiErrorCode = keyof typeof API_ERRORS;

export interface ApiErrorBody {
  error: ApiErrorCode;
  message: string;
  /** For upstream_refused: the classified OAuth error of the failed refresh (e.g. "temporarily_unavailable"). */
  oauth_error?: string;
  /** For upstream_unreachable / upstream_timeout: the outbound guard's code (e.g. "blocked_address"). */
  reason?: string;
  /** The connector's status label (lib/tokens/status.ts) when the error is about its state, e.g. "Disconnected". */
  status?: string;
  /** For api_base_url_incomplete and api_base_url_refused: the connection metadata field concerned (its name, never its value). */
  field?: string;
}

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly extra: Omit<ApiErrorBody, "error" | "message"> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  get status(): number {
    return API_ERRORS[this.code];
  }

  body(): ApiErrorBody {
    return { error: this.code, message: this.message, ...this.extra };
  }
}

export const NO_STORE = { "cache-control": "no-store" } as const;

export function apiErrorResponse(error: ApiError): Response {
  return Response.json(error.body(), { status: error.status, headers: { ...NO_STORE, ...error.headers } });
}
