import type { APIResponse, Page, Route } from "@playwright/test";

export interface CapturedResponse {
  url: string;
  status: number;
  type: string;
  /** The request was a server action call. */
  action: boolean;
  body: string;
}

/**
 * `route.fetch` goes out on Playwright's own keep-alive pool, so it can pick a socket the app's
 * server is closing at that moment (its keep-alive timeout) and see ECONNRESET. A browser would
 * simply retry on a fresh socket; so do we, once. Anything else is a real failure and surfaces.
 */
async function fetchWithOneRetry(route: Route): Promise<APIResponse> {
  try {
    return await route.fetch({ maxRedirects: 0 });
  } catch (error) {
    if (!/ECONNRESET|socket hang up|EPIPE/.test(String(error))) throw error;
    return route.fetch({ maxRedirects: 0 });
  }
}

/**
 * Records every response body the page receives: documents, RSC payloads, server action results.
 * Each request goes through `route.fetch`, so the whole body is captured before the browser gets
 * it (`response.text()` loses bodies once the page navigates on).
 */
export async function recordResponses(page: Page): Promise<CapturedResponse[]> {
  const seen: CapturedResponse[] = [];
  await page.route("**/*", async (route) => {
    const request = route.request();
    const response = await fetchWithOneRetry(route);
    seen.push({
      url: request.url(),
      status: response.status(),
      type: response.headers()["content-type"] ?? "",
      action: Boolean(request.headers()["next-action"]),
      body: (await response.body()).toString("utf8"),
    });
    await route.fulfill({ response }).catch(() => undefined); // the browser may have dropped the request (e.g. a prefetch) meanwhile
  });
  return seen;
}
