import type { Config } from "../env";
import { DEFAULT_TIMEOUT_MS, guardedRequest } from "../http/guarded-fetch";
import type { TokenHttpRequest, TokenHttpResponse } from "../oauth";

/** Every vendor call goes through the guarded HTTP module (SECURITY 12–14). */
export function vendorTransport(
  config: Pick<Config, "devAllowLoopback">,
  options: { timeoutMs?: number } = {},
): (request: TokenHttpRequest) => Promise<TokenHttpResponse> {
  return (request) => guardedRequest(request, { allowLoopback: config.devAllowLoopback, timeoutMs: options.timeoutMs });
}

/**
 * The deadline of a vendor call made under a lease: at most half the lease, so the result is
 * stored while the lease still holds and no other instance has started a refresh beside it.
 */
export function leasedCallTimeoutMs(leaseTtlMs: number): number {
  return Math.max(1_000, Math.min(DEFAULT_TIMEOUT_MS, Math.floor(leaseTtlMs / 2)));
}
