/**
 * Connector-form fuzzing through the real server actions of a running production app: the app
 * is started with e2e/support/spawn-app.ts (the real start command) on its own port with its own
 * SQLite database, an admin signs in through Auth.js's credentials endpoint, and each generated
 * submission is posted as the browser posts a server action (e2e/support/connector-form.ts):
 * four in five to `createConnectorAction`, one in five to `updateConnectorAction` on a connector
 * created earlier in the run. Counted:
 * - unexpected errors: an HTTP status of 500 or more, no action result in the answer, or the
 *   action wrapper's INTERNAL result (something threw);
 * - refusals that name no form field;
 * - afterwards, every stored connector is read back and checked with the shared schema
 *   (properties/connector-form.ts invalidRecord).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { createDb } from "../../lib/db";
import { formValuesOf } from "../../lib/connectors/records";
import type { ConnectorFormValues } from "../../lib/connectors/schema";
import { actionResult } from "../../e2e/support/connector-form";
import { spawnApp } from "../../e2e/support/spawn-app";
import { invalidRecord, namesAField, submissionArb } from "./properties/connector-form";

const ADMIN = { email: "reliability-admin@latchkey.test", password: "reliability passphrase 123" };
const CONCURRENCY = 4;

export interface FormFuzzResult {
  runs: number;
  seed: number;
  creates: number;
  updates: number;
  accepted: number;
  refused: number;
  /** Refusals whose errors name no form field. */
  refusalsWithoutField: number;
  /** 5xx, no action result, or INTERNAL. */
  unexpected: number;
  stored: number;
  invalidStored: number;
  /** A few failing submissions, shortened, for the report. */
  examples: string[];
  seconds: number;
}

/** React's reply encoding marks strings that start with "$"; the browser's encodeReply escapes them as "$$". */
function asReply(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
  if (Array.isArray(value)) return value.map(asReply);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value))
      Object.defineProperty(out, key, { value: asReply(inner), enumerable: true, configurable: true, writable: true });
    return out;
  }
  return value;
}

async function signIn(context: APIRequestContext): Promise<void> {
  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await context.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: ADMIN.email, password: ADMIN.password, callbackUrl: "/" },
    maxRedirects: 0,
  });
  const session = (await (await context.get("/api/auth/session")).json()) as { user?: { email?: string } } | null;
  if (session?.user?.email !== ADMIN.email) throw new Error("the admin could not sign in to the fuzzing app");
}

/** Runs in `appDir` (a built snapshot of the tree): spawn-app and the action manifest are read from the working directory. */
export async function fuzzConnectorForm(appDir: string, { runs, seed }: { runs: number; seed: number }, log: (line: string) => void): Promise<FormFuzzResult> {
  const started = Date.now();
  const previousDir = process.cwd();
  const dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-reliability-form-"));
  const databaseUrl = `file:${path.join(dataDir, "fuzz.db")}`;
  process.chdir(appDir);
  const app = await spawnApp({
    DATABASE_URL: databaseUrl,
    LATCHKEY_DATA_DIR: dataDir,
    LATCHKEY_ADMIN_EMAIL: ADMIN.email,
    LATCHKEY_ADMIN_PASSWORD: ADMIN.password,
    LATCHKEY_REFRESHER: "0",
    NEXT_TELEMETRY_DISABLED: "1",
  });
  if (app.output().includes("building the app")) log("  (the start command rebuilt the app)");
  const context = await playwrightRequest.newContext({ baseURL: app.baseURL });
  const result: FormFuzzResult = {
    runs,
    seed,
    creates: 0,
    updates: 0,
    accepted: 0,
    refused: 0,
    refusalsWithoutField: 0,
    unexpected: 0,
    stored: 0,
    invalidStored: 0,
    examples: [],
    seconds: 0,
  };
  const example = (what: string, payload: unknown) => {
    if (result.examples.length < 5) result.examples.push(`${what}: ${JSON.stringify(payload).slice(0, 300)}`);
  };
  try {
    await signIn(context);
    const actionId = (name: string) => serverActionId(appDir, name);
    const ids = { create: actionId("createConnectorAction"), update: actionId("updateConnectorAction") };
    const created: string[] = [];
    const submissions = fc.sample(submissionArb, { seed, numRuns: runs });
    let next = 0;

    const submit = async (index: number) => {
      const values = submissions[index]!;
      const update = index % 5 === 4 && created.length > 0;
      const payload: Record<string, unknown> = update ? { id: created[(index * 7) % created.length], values } : values;
      if (update) result.updates += 1;
      else result.creates += 1;
      // Posted to the page whose form uses the action, as the browser does.
      const response = await context.post(update ? `/connectors/${payload.id as string}` : "/connectors/new", {
        headers: { "Next-Action": update ? ids.update : ids.create, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
        data: JSON.stringify([asReply(payload)]),
        maxRedirects: 0,
      });
      const body = await response.text();
      if (response.status() >= 500) {
        result.unexpected += 1;
        return example(`HTTP ${response.status()}`, payload);
      }
      let outcome: ReturnType<typeof actionResult>;
      try {
        outcome = actionResult(body);
      } catch {
        result.unexpected += 1;
        if (process.env.DEBUG_FORM) console.log(response.status(), response.headers(), body.slice(0, 500));
        return example(`HTTP ${response.status()} without an action result`, payload);
      }
      if (outcome.ok) {
        result.accepted += 1;
        const id = (outcome.data as { id?: string } | undefined)?.id;
        if (!update && id) created.push(id);
        return;
      }
      if (outcome.code === "INTERNAL") {
        result.unexpected += 1;
        return example("INTERNAL", payload);
      }
      result.refused += 1;
      if (!namesAField(outcome.fieldErrors)) {
        result.refusalsWithoutField += 1;
        example(`refused (${outcome.code}) naming no field: ${JSON.stringify(outcome.fieldErrors ?? outcome.formError)}`, payload);
      }
    };
    const lane = async () => {
      while (next < submissions.length) await submit(next++);
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, lane));

    const db = createDb(databaseUrl);
    try {
      const rows = await db.connector.findMany({ include: { extras: true } });
      result.stored = rows.length;
      for (const row of rows) {
        // Read as stored, without the coercions formValuesOf applies to enum columns.
        const values = {
          ...formValuesOf(row),
          authPlacement: row.authPlacement,
          grantType: row.grantType,
          scopeSeparator: row.scopeSeparator,
          clientAuth: row.clientAuth,
          tokenBodyFormat: row.tokenBodyFormat,
          scopes: JSON.parse(row.scopes) as unknown,
        } as ConnectorFormValues;
        const problem =
          invalidRecord(values, false) ??
          (row.grantType === "client_credentials" && !row.clientSecretEnc ? "client credentials without a client secret" : null);
        if (problem) {
          result.invalidStored += 1;
          example(`stored connector ${row.id} invalid (${problem})`, values);
        }
      }
    } finally {
      await db.$disconnect();
    }
  } finally {
    await context.dispose();
    await app.stop();
    process.chdir(previousDir);
    rmSync(dataDir, { recursive: true, force: true });
  }
  result.seconds = (Date.now() - started) / 1000;
  log(
    `  ${result.runs} submissions (${result.creates} creates, ${result.updates} updates): ${result.accepted} accepted, ${result.refused} refused, ${result.unexpected} unexpected, ${result.refusalsWithoutField} refusals naming no field; ${result.stored} stored, ${result.invalidStored} invalid (${result.seconds.toFixed(0)} s)`,
  );
  return result;
}

/**
 * A server action's id from the build's manifest (as e2e/support/app-surface.ts reads it, but from
 * `appDir`: that module fixes its root when it is first imported).
 */
function serverActionId(appDir: string, name: string): string {
  const manifest = JSON.parse(readFileSync(path.join(appDir, ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName: string }>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === name);
  if (!found) throw new Error(`no server action named ${name}`);
  return found[0];
}
