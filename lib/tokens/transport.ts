import type { Config } from "../env";
import { guardedRequest } from "../http/guarded-fetch";
import type { TokenHttpRequest, TokenHttpResponse } from "../oauth";

/** Every vendor call goes through the guarded HTTP module (SECURITY 12–14). */
export function vendorTransport(config: Pick<Config, "devAllowLoopback">): (request: TokenHttpRequest) => Promise<TokenHttpResponse> {
  return (request) => guardedRequest(request, { allowLoopback: config.devAllowLoopback });
}
