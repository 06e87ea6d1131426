/**
 * SECURITY 17: every page, route handler and server action checks the session (and role) itself.
 * The lists below classify everything the app exposes; a new page, handler or action that is not
 * classified fails this test, so protection is a decision, never an accident.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { listPages, listRouteHandlers, listServerActions, samplePath } from "./support/app-surface";
import { storageStateFile } from "./support/servers";

const PUBLIC_PAGES = ["/sign-in", "/setup", "/invite/[token]", "/forbidden"];
const ADMIN_PAGES = ["/settings/users"];
const VIEWER_PAGES = ["/", "/connectors", "/settings"];

/** Route handlers that must answer without a session, with why. */
const PUBLIC_ROUTES: Record<string, string> = {
  "/api/auth/[...nextauth]": "Auth.js sign-in endpoints",
  "/api/health": "load-balancer health check; says only up/down",
};
const ADMIN_ROUTES: string[] = [];

const PUBLIC_ACTIONS = ["signInAction", "signInWithSsoAction", "createFirstAdminAction", "acceptInvitationAction"];
const VIEWER_ACTIONS = ["signOutAction"];

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
      if (route in PUBLIC_ROUTES) continue;
      for (const method of methods) {
        const response = await request.fetch(samplePath(route), { method, maxRedirects: 0, headers: { "Sec-Fetch-Site": "same-origin" } });
        expect(response.status(), `${method} ${route}`).toBe(401);
      }
    }
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
      expect((await request.get(samplePath(page), { maxRedirects: 0 })).status(), page).toBe(200);
    }
    for (const { route, methods } of listRouteHandlers().filter((r) => ADMIN_ROUTES.includes(r.route))) {
      for (const method of methods) {
        const response = await request.fetch(samplePath(route), { method, maxRedirects: 0, headers: { "Sec-Fetch-Site": "same-origin" } });
        expect(response.status(), `${method} ${route}`).toBe(403);
      }
    }
    for (const action of listServerActions()) {
      if (PUBLIC_ACTIONS.includes(action.name) || VIEWER_ACTIONS.includes(action.name)) continue;
      const body = await callAction(request, action.id);
      expect(body, `${action.name} (${action.file})`).toContain('"code":"FORBIDDEN"');
    }
  });
});
