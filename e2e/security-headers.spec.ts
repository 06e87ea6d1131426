/**
 * SECURITY 45: every page carries a strict Content Security Policy with a fresh nonce on every
 * script it renders, frame-ancestors 'none' and a Permissions-Policy; the browser loads each page
 * under it without a violation (the base fixture, e2e/support/base-test.ts, fails any test that
 * sees one). The pages come from the source tree, so a new page is covered without editing this.
 */
import type { APIRequestContext, Page } from "@playwright/test";
import { listPages } from "./support/app-surface";
import { CSP_VIOLATION } from "./support/base-test";
import { callAction, connectorPayload, expect, test } from "./support/connector-form";

/** Pages shown without a session (the (auth) route group); the rest are console pages, visited as the admin. */
const AUTH_PAGES = ["/sign-in", "/setup", "/invite/[token]", "/oauth2/error", "/forbidden"];

type Directives = Map<string, string[]>;

function parsePolicy(value: string): Directives {
  return new Map(
    value
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

/** Checks one page response's headers and returns the nonce its policy allows. */
function expectPageHeaders(headers: Record<string, string>, where: string): string {
  expect(headers["content-security-policy"], where).toBeTruthy();
  const policy = parsePolicy(headers["content-security-policy"]!);
  const scriptSrc = policy.get("script-src") ?? [];
  expect(scriptSrc, where).toContain("'strict-dynamic'");
  expect(scriptSrc, where).not.toContain("'unsafe-inline'");
  expect(scriptSrc, where).not.toContain("'unsafe-eval'");
  const nonces = scriptSrc.filter((source) => source.startsWith("'nonce-"));
  expect(nonces, where).toHaveLength(1);
  expect(policy.get("default-src"), where).toEqual(["'self'"]);
  expect(policy.get("frame-ancestors"), where).toEqual(["'none'"]);
  expect(policy.get("object-src"), where).toEqual(["'none'"]);
  expect(policy.get("base-uri"), where).toEqual(["'self'"]);
  expect(policy.get("form-action"), where).toEqual(["'self'"]);
  expect(headers["permissions-policy"], where).toMatch(/(^|, )camera=\(\)/);
  expect(headers["permissions-policy"], where).toMatch(/(^|, )microphone=\(\)/);
  expect(headers["permissions-policy"], where).toMatch(/(^|, )geolocation=\(\)/);
  expect(headers["x-frame-options"], where).toBe("DENY");
  expect(headers["x-content-type-options"], where).toBe("nosniff");
  expect(headers["referrer-policy"], where).toBe("no-referrer");
  // The e2e servers' public URL is http: no HSTS (test/http/csp.test.ts covers https).
  expect(headers["strict-transport-security"], where).toBeUndefined();
  return nonces[0]!.slice("'nonce-".length, -1);
}

/** The page's HTML as the server sends it: every <script> carries this response's nonce. */
async function expectNoncedScripts(request: APIRequestContext, path: string): Promise<string> {
  const response = await request.get(path);
  expect(response.status(), path).toBe(200);
  const nonce = expectPageHeaders(response.headers(), path);
  const scripts = [...(await response.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length, path).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
  return nonce;
}

/** The browser loads the page under its policy: it works (a heading shows) and reports no violation. */
async function expectLoadsUnderPolicy(page: Page, path: string): Promise<string> {
  const response = await page.goto(path, { waitUntil: "load" });
  expect(response?.status(), path).toBe(200);
  await expect(page.getByRole("heading", { level: 1 }).first(), path).toBeVisible();
  return expectPageHeaders(await response!.allHeaders(), path);
}

function samplePathFor(route: string, connectorId: string): string {
  return route.replace("[id]", connectorId).replace("[token]", "not-a-real-invitation");
}

test.describe("console pages, as the admin", () => {
  test("every console page sends the headers, nonces its scripts and loads without a violation", async ({ page, request, tag }) => {
    const created = await callAction(request, "createConnectorAction", connectorPayload(`Headers ${tag}`));
    const id = created.data!.id as string;
    const pages = listPages().filter((p) => !AUTH_PAGES.includes(p));
    expect(pages).toContain("/");
    expect(pages).toContain("/connectors/[id]");
    for (const route of pages) {
      const path = samplePathFor(route, id);
      const served = await expectNoncedScripts(request, path);
      const loaded = await expectLoadsUnderPolicy(page, path);
      expect(loaded, `${path}: a fresh nonce per response`).not.toBe(served);
    }
  });

  test("injected markup's inline handler is refused, and the refusal is reported", async ({ page, cspViolations }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    const reported = page.waitForEvent("console", (message) => CSP_VIOLATION.test(message.text()));
    // What an XSS would add: markup with an inline handler. (A <script> appended from page.evaluate
    // is not a fair probe: Chromium lets script the debugger inserts run under any policy.)
    await page.evaluate(() => {
      const holder = document.createElement("div");
      holder.innerHTML = `<img src="data:," alt="" onerror="window.__injected = true">`;
      document.body.append(holder);
    });
    await reported;
    expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
    // The base fixture saw it too (so it would fail any other test); this one provoked it on purpose.
    expect(cspViolations).toHaveLength(1);
    cspViolations.length = 0;
  });
});

test.describe("pages shown before sign-in", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("every auth page sends the headers, nonces its scripts and loads without a violation", async ({ page, request }) => {
    expect(
      listPages()
        .filter((p) => AUTH_PAGES.includes(p))
        .sort(),
    ).toEqual([...AUTH_PAGES].sort());
    for (const route of AUTH_PAGES) {
      // /setup sends everyone to /sign-in once an admin exists; the policy holds along the way.
      const path = samplePathFor(route, "");
      await expectNoncedScripts(request, path);
      await expectLoadsUnderPolicy(page, path);
    }
  });

  test("an unknown address gets the not-found page under the same policy", async ({ page }) => {
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    expectPageHeaders(await response!.allHeaders(), "/no-such-page");
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Back to the dashboard" })).toHaveAttribute("href", "/");
  });

  test("route handlers keep the static headers and are left alone by the proxy", async ({ request }) => {
    for (const path of ["/api/health", "/api/v1/openapi.json"]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      const headers = response.headers();
      expect(headers["permissions-policy"], path).toMatch(/camera=\(\)/);
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["x-frame-options"], path).toBe("DENY");
      expect(headers["content-security-policy"], path).toBeUndefined();
    }
    // The vendor's redirect back still answers as before: without a session, to the explanation page.
    const redirect = await request.get("/oauth2/redirect_url?state=x&code=y", { maxRedirects: 0 });
    expect(redirect.status()).toBe(303);
    expect(new URL(redirect.headers()["location"] ?? "", "http://x").pathname).toBe("/oauth2/error");
    expect(redirect.headers()["content-security-policy"]).toBeUndefined();
  });
});
