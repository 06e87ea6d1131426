/**
 * The layering rules are live: ESLint, with the repository's own configuration, refuses an import
 * that breaks a layer (lint/layers.mjs) and lets an allowed one through. Each case lints a line of
 * code as if it were a file at that path, so no file is written.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";
import { LAYERS } from "../../lint/layers.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");
let eslint: ESLint;

beforeAll(async () => {
  eslint = new ESLint({ cwd: ROOT });
  // Loading the configuration and parsers takes seconds: once here, not inside the first case's timeout.
  await eslint.lintText("\n", { filePath: path.join(ROOT, "lib/oauth/warm-up.ts") });
});

/** The no-restricted-imports messages ESLint reports for `code` at `filePath`. */
async function restrictions(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: path.join(ROOT, filePath) });
  return (result?.messages ?? []).filter((message) => message.ruleId === "no-restricted-imports").map((message) => message.message);
}

describe("layering rules", () => {
  it.each([
    ["components/x/y.tsx", 'import { getDb } from "@/lib/db";', "components import no database"],
    ["components/x/y.tsx", 'import { PrismaClient } from "@prisma/client";', "components import no database"],
    ["components/x/y.tsx", 'import { PrismaClient } from "@/generated/sqlite";', "components import no database"],
    ["components/x/y.tsx", 'import { listConnectorEvents } from "@/lib/history/queries";', "only their types may be imported"],
    ["components/x/y.tsx", 'import { createConnector } from "@/lib/connectors/service";', "only their types may be imported"],
    ["lib/oauth/x.ts", 'import { NextResponse } from "next/server";', "protocol code stays pure"],
    ["lib/oauth/x.ts", 'import { cache } from "react";', "protocol code stays pure"],
    ["lib/oauth/x.ts", 'import { Prisma } from "@prisma/client";', "protocol code stays pure"],
    ["lib/oauth/x.ts", 'import { getDb } from "../db";', "protocol code stays pure"],
    ["lib/oauth/x.ts", 'import { connectorSchema } from "../connectors/schema";', "protocol code stays pure"],
    ["lib/oauth/x.ts", 'import { TOKEN_STATUSES } from "@/lib/tokens/status";', "protocol code stays pure"],
    ["lib/http/x.ts", 'import { TOKEN_STATUSES } from "@/lib/tokens/status";', 'lib/http is in the "infrastructure" layer'],
    ["lib/http/x.ts", 'import { redact } from "../oauth/redaction";', 'lib/http is in the "infrastructure" layer'],
    ["lib/crypto/x.ts", 'import { connectorSchema } from "../connectors/schema";', 'lib/crypto is in the "infrastructure" layer'],
    // The reverse edges of the folder cycles that were broken, each with where the code went instead.
    ["lib/alerts/x.ts", 'import { STORED_STATUS } from "../tokens/status";', "lib/tokens/status-alerts.ts"],
    ["lib/tokens/x.ts", 'import { startAuthorization } from "../authorization/service";', "lib/authorization/actions.ts"],
    ["lib/tokens/refresher/x.ts", 'import { startAuthorization } from "../../authorization/service";', "lib/authorization/actions.ts"],
    ["lib/connectors/x.ts", 'import { disconnectConnector } from "../tokens/disconnect";', "lib/connector-admin"],
    ["lib/connectors/x.ts", 'import { forgetCachedConnector } from "@/lib/proxy/token-cache";', "lib/connector-admin/service.ts"],
    ["lib/users/x.ts", 'import { sessionAction } from "../auth/action";', "lib/auth/user-actions.ts"],
    ["lib/api-keys/x.ts", 'import { ApiError } from "../machine-api/api-error";', "built on API keys"],
    // Same layer: neither may import the other.
    ["lib/proxy/x.ts", 'import { startAuthorization } from "../authorization/service";', 'lib/proxy is in the "flows and the machine API" layer'],
  ])("%s: %s is refused", async (filePath, code, reason) => {
    const messages = await restrictions(filePath, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(reason);
  });

  it.each([
    ["components/x/y.tsx", 'import type { HistoryEvent } from "@/lib/history/queries";'],
    ["components/x/y.tsx", 'import { readConnectorEvents } from "@/lib/history/page-data";'],
    ["lib/oauth/x.ts", 'import { guardedRequest } from "../http/guarded-fetch";'],
    ["lib/tokens/x.ts", 'import { loadOAuthClient } from "../connectors/oauth-client";'],
    ["lib/tokens/x.ts", 'import { sendConnectorAlert } from "../alerts/notify";'],
    ["lib/auth/x.ts", 'import { findActiveUser } from "../users/service";'],
    ["lib/connector-admin/x.ts", 'import { forgetCachedConnector } from "../proxy/token-cache";'],
  ])("%s: %s is allowed", async (filePath, code) => {
    expect(await restrictions(filePath, code)).toEqual([]);
  });

  it("places every folder of lib in exactly one layer", () => {
    const folders = readdirSync(path.join(ROOT, "lib"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const placed = LAYERS.flatMap((layer) => layer.folders);
    expect([...placed].sort()).toEqual(folders);
    expect(new Set(placed).size).toBe(placed.length);
  });
});
