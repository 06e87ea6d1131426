import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { E2E_SERVERS, e2eDatabases } from "./e2e/support/servers";

/**
 * One Playwright project per database: the same specs run against the app on SQLite and on
 * PostgreSQL, each server started fresh by scripts/e2e-server.ts. `standalone` specs start
 * their own short-lived servers (first-admin set-up, bad configuration).
 */
const chromium = existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
const databases = e2eDatabases();

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: process.env.CI === "true",
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI === "true" ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    ...devices["Desktop Chrome"],
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  projects: [
    ...databases.flatMap((db) => [
      {
        name: `setup-${db}`,
        testMatch: /auth\.setup\.ts/,
        use: { baseURL: E2E_SERVERS[db].baseURL },
      },
      {
        name: db,
        testMatch: /.*\.spec\.ts/,
        testIgnore: /standalone\//,
        dependencies: [`setup-${db}`],
        use: { baseURL: E2E_SERVERS[db].baseURL },
      },
    ]),
    { name: "standalone", testMatch: /standalone\/.*\.spec\.ts/ },
  ],
  webServer: databases.map((db) => ({
    command: `npx tsx scripts/e2e-server.ts ${db}`,
    url: `${E2E_SERVERS[db].baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
  })),
});
