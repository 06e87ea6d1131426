/**
 * The token endpoint's query string: `min_ttl`, the seconds of life a worker needs from the token
 * it is handed (a long job asks for enough to finish without a 401 halfway). Parsed the same way
 * on both paths (route handlers and node-handler.ts) from a WHATWG URLSearchParams.
 */
import { z } from "zod";
import { ApiError } from "../machine-api/api-error";

/** A day: no vendor issues longer-lived access tokens worth waiting for, and it bounds the value. */
export const MAX_MIN_TTL_SECONDS = 86_400;

/** Digits only: "-1", "1.5", "1e3", "0x10", " 60" and "" are refused rather than read loosely by Number(). */
const seconds = z
  .string()
  .regex(/^[0-9]+$/)
  .transform(Number)
  .pipe(z.number().int().min(0).max(MAX_MIN_TTL_SECONDS));

/** Unknown parameters are ignored; a repeated `min_ttl` arrives as an array and is refused. */
export const tokenQuerySchema = z.object({ min_ttl: seconds.optional() });

export interface TokenQuery {
  /** 0 when not given: renew only when the token is expired or due. */
  minTtlSeconds: number;
}

export function tokenQueryOf(params: URLSearchParams): TokenQuery {
  const input = Object.fromEntries(
    [...new Set(params.keys())].map((name) => {
      const values = params.getAll(name);
      return [name, values.length === 1 ? values[0] : values];
    }),
  );
  const parsed = tokenQuerySchema.safeParse(input);
  if (!parsed.success) throw new ApiError("invalid_parameter", `min_ttl must be a whole number of seconds from 0 to ${MAX_MIN_TTL_SECONDS}, given once.`);
  return { minTtlSeconds: parsed.data.min_ttl ?? 0 };
}
