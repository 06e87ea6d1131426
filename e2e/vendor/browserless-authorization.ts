// Drives an authorization request to the redirect URI without a browser: follows the vendor's
// redirects by hand and carries its cookies, the way a browser would. Meant for tests against a
// vendor started with autoApprove: true (which needs no form submissions).

/** Minimal cookie jar: one value per name, path and domain ignored (a single test host). */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  /** Stores the Set-Cookie headers of a response (RFC 6265 §5.2), honouring deletions. */
  storeFrom(response: Response): void {
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = setCookie.split(";");
      const separator = pair.indexOf("=");
      if (separator <= 0) continue;
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      if (value === "" || attributes.some(isExpiryInThePast)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  /** The Cookie request header value, or undefined when the jar is empty. */
  header(): string | undefined {
    if (this.#cookies.size === 0) return undefined;
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

function isExpiryInThePast(attribute: string): boolean {
  const [name = "", value = ""] = attribute.split("=").map((part) => part.trim());
  if (name.toLowerCase() === "max-age") return Number(value) <= 0;
  if (name.toLowerCase() === "expires") return Date.parse(value) <= Date.now();
  return false;
}

export interface FollowOptions {
  /** Stop at the first redirect whose target starts with this URI. */
  redirectUri: string;
  jar?: CookieJar;
  maxRedirects?: number;
}

/**
 * GETs `authorizationUrl` and follows redirects until one points at `redirectUri`; returns that
 * final URL (carrying code/state or error). Throws with the status and a body excerpt if the
 * vendor answers with anything but a redirect, e.g. an error page for a bad redirect_uri.
 */
export async function followToRedirectUri(authorizationUrl: string, options: FollowOptions): Promise<URL> {
  const jar = options.jar ?? new CookieJar();
  let url = new URL(authorizationUrl);
  for (let hop = 0; hop < (options.maxRedirects ?? 10); hop++) {
    const cookie = jar.header();
    const response = await fetch(url, { redirect: "manual", headers: cookie ? { cookie } : {} });
    jar.storeFrom(response);
    const location = response.headers.get("location");
    if (response.status < 300 || response.status > 399 || !location) {
      const excerpt = (await response.text()).slice(0, 300);
      throw new Error(`expected a redirect from ${url.href}, got HTTP ${response.status}: ${excerpt}`);
    }
    await response.body?.cancel();
    url = new URL(location, url);
    if (url.href.startsWith(options.redirectUri)) return url;
  }
  throw new Error(`no redirect to ${options.redirectUri} within ${options.maxRedirects ?? 10} hops`);
}
