/**
 * SECURITY 17: every page, route handler and server action checks the session (and role) itself.
 * The lists below classify everything the app exposes; a new page, handler or action that is not
 * classified fails this test, so protection is a decision, never an accident.
 */
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./support/base-test";
import { listPages, listRouteHandlers, listServerActions, samplePath } from "./support/app-surface";
import { storageStateFile } from "./support/servers";

/** `/oauth2/error` explains a failed authorization with fixed texts only, including "your session ended". */
const PUBLIC_PAGES = ["/sign-in", "/setup", "/invite/[token]", "/forbidden", "/oauth2/error"];
const ADMIN_PAGES = ["/settings/users", "/connectors/new", "/settings/api-keys"];
/** The connector tabs' Test page is admin work, but a viewer gets a note there (no tab), not a redirect. */
const CONNECTOR_TABS = ["/connectors/[id]", "/connectors/[id]/configuration", "/connectors/[id]/test", "/connectors/[id]/history"];
const VIEWER_PAGES = ["/", "/connectors", "/settings", ...CONNECTOR_TABS, "/api-docs"];
/** Viewer pages whose sample path names no record: they answer the page's own 404, not a redirect. */
const SAMPLE_NOT_FOUND = CONNECTOR_TABS;

/** Route handlers that must answer without a session, with why. */
const PUBLIC_ROUTES: Record<string, string> = {
  "/api/auth/[...nextauth]": "Auth.js sign-in endpoints",
  "/api/health": "load-balancer health check; says only up/down",
  "/oauth2/redirect_url": "the vendor's redirect back; checks session and role itself and sends failures to /oauth2/error",
  "/api/v1/openapi.json": "the machine API's OpenAPI document; describes endpoints, holds no data",
  "/api/v1/connectors/[id]/jwks.json":
    "the connector's public signing keys, fetched by the vendor to verify private_key_jwt assertions; public keys only (SECURITY 44)",
};
/**
 * The machine API for sync workers: authenticated by API key (`Authorization: Bearer lk_…`), never
 * by session. Without a key every method answers 401 JSON with `WWW-Authenticate: Bearer`, with
 * or without a session cookie.
 */
const API_KEY_ROUTES = ["/api/v1/connectors/[id]/token", "/api/v1/connectors/[id]/token/refresh", "/api/v1/connectors/[id]/proxy/[[...path]]"];
const ADMIN_ROUTES: string[] = [];
/** Route handlers any signed-in user may call (they answer 401 without a session, 200 for a viewer). */
const VIEWER_ROUTES = ["/api/dashboard"];

const PUBLIC_ACTIONS = ["signInAction", "signInWithSsoAction", "createFirstAdminAction", "acceptInvitationAction"];
const VIEWER_ACTIONS = ["signOutAction"];

async function expectApiKeyRequired(request: APIRequestContext): Promise<void> {
  const routes = listRouteHandlers().filter((r) => r.route.startsWith("/api/v1/") && !(r.route in PUBLIC_ROUTES));
  expect(routes.map((r) => r.route).sort()).toEqual([...API_KEY_ROUTES].sort());
  for (const { route, methods } of routes) {
    expect(methods.length, `${route} exports no method`).toBeGreaterThan(0);
    for (const method of methods) {
      const response = await request.fetch(samplePath(route), { method, maxRedirects: 0 });
      expect(response.status(), `${method} ${route}`).toBe(401);
      expect(response.headers()["www-authenticate"], `${method} ${route}`).toMatch(/^Bearer realm="latchkey"/);
      if (method === "HEAD") continue;
      expect(response.headers()["content-type"], `${method} ${route}`).toMatch(/^application\/json/);
      expect(await response.json(), `${method} ${route}`).toMatchObject({ error: "invalid_api_key" });
    }
  }
}

async function callAction(request: APIRequestContext, id: string): Promise<string> {
  const response = await request.post("/sign-in", {
    headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
    data: JSON.stringify([{ userId: "nobody", email: "probe@example.com", role: "admin" }]),
    maxRedirects: 0,
  });
  return response.text();
}

test.describe("without a session", () => {
  test("every page is classified, and every non-public page sends the visitor to sign-in", async ({ request }) => {
    const pages = listPages();
    expect(pages.length).toBeGreaterThan(5);
    for (const page of pages) expect([...PUBLIC_PAGES, ...ADMIN_PAGES, ...VIEWER_PAGES], `unclassified page ${page}`).toContain(page);
    for (const page of [...ADMIN_PAGES, ...VIEWER_PAGES]) {
      const response = await request.get(samplePath(page), { maxRedirects: 0 });
      expect(response.status(), page).toBe(307);
      expect(new URL(response.headers()["location"] ?? "", "http://x").pathname, page).toBe("/sign-in");
    }
  });

  test("every route handler is classified, and every non-public one answers 401", async ({ request }) => {
    const routes = listRouteHandlers();
    expect(routes.map((r) => r.route)).toContain("/api/health");
    for (const { route, methods } of routes) {
      expect(methods.length, `${route} exports no method`).toBeGreaterThan(0);
      if (route in PUBLIC_ROUTES || API_KEY_ROUTES.includes(route)) continue;
      for (const method of methods) {
        const response = await request.fetch(samplePath(route), { method, maxRedirects: 0, headers: { "Sec-Fetch-Site": "same-origin" } });
        expect(response.status(), `${method} ${route}`).toBe(401);
      }
    }
  });

  test("every machine API route answers 401 JSON with a Bearer challenge without an API key", async ({ request }) => {
    await expectApiKeyRequired(request);
  });

  test("every server action is classified, and every non-public one refuses", async ({ request }) => {
    const actions = listServerActions();
    expect(actions.length).toBeGreaterThan(5);
    for (const action of actions) {
      if (PUBLIC_ACTIONS.includes(action.name)) continue;
      const body = await callAction(request, action.id);
      expect(body, `${action.name} (${action.file})`).toContain('"code":"UNAUTHENTICATED"');
    }
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: async ({}, provide, testInfo) => provide(storageStateFile(testInfo.project.name, "viewer")) });

  test("admin-only pages, route handlers and actions refuse, viewer pages load", async ({ request }) => {
    for (const page of ADMIN_PAGES) {
      const response = await request.get(samplePath(page), { maxRedirects: 0 });
      expect(response.status(), page).toBe(307);
      expect(new URL(response.headers()["location"] ?? "", "http://x").pathname, page).toBe("/forbidden");
    }
    for (const page of VIEWER_PAGES) {
      expect((await request.get(samplePath(page), { maxRedirects: 0 })).status(), page).toBe(SAMPLE_NOT_FOUND.includes(page) ? 404 : 200);
    }
    for (const { route, methods } of listRouteHandlers().filter((r) => VIEWER_ROUTES.includes(r.route))) {
      for (const method of methods) {
        const response = await request.fetch(samplePath(route), { method, maxRedirects: 0, headers: { "Sec-Fetch-Site": "same-origin" } });
        expect(response.status(), `${method} ${route}`).toBe(200);
      }
    }
    for (const { route, methods } of listRouteHandlers().filter((r) => ADMIN_ROUTES.includes(r.route))) {
      for (const method of methods) {
        const response = await request.fetch(samplePath(route), { method, maxRedirects: 0, headers: { "Sec-Fetch-Site": "same-origin" } });
        expect(response.status(), `${method} ${route}`).toBe(403);
      }
    }
    // A session is no credential for the machine API.
    await expectApiKeyRequired(request);
    for (const action of listServerActions()) {
      if (PUBLIC_ACTIONS.includes(action.name) || VIEWER_ACTIONS.includes(action.name)) continue;
      const body = await callAction(request, action.id);
      expect(body, `${action.name} (${action.file})`).toContain('"code":"FORBIDDEN"');
    }
  });
});
