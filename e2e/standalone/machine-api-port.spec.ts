import { expect, test } from "../support/base-test";
import { freePort, spawnApp, type SpawnedApp } from "../support/spawn-app";

/** LATCHKEY_MACHINE_API_PORT serves the machine API on its own port, with the same key checks. */
let app: SpawnedApp;
let port: number;

test.beforeAll(async () => {
  port = await freePort();
  app = await spawnApp({ LATCHKEY_MACHINE_API_PORT: String(port) });
});

test.afterAll(async () => {
  await app?.stop();
});

test("the extra port answers the machine API and refuses requests without a key", async ({ request }) => {
  expect(app.output()).toContain(`machine API also listening on port ${port}`);
  const noKey = await request.get(`http://127.0.0.1:${port}/api/v1/connectors/some-id/token`);
  expect(noKey.status()).toBe(401);
  expect(noKey.headers()["www-authenticate"]).toMatch(/^Bearer/);
  const badKey = await request.get(`http://127.0.0.1:${port}/api/v1/connectors/some-id/proxy/x`, { headers: { Authorization: "Bearer lk_nope_nope" } });
  expect(badKey.status()).toBe(401);
  const elsewhere = await request.get(`http://127.0.0.1:${port}/sign-in`);
  expect(elsewhere.status()).toBe(404);
});
