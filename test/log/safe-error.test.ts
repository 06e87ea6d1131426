/**
 * Log hygiene: an unexpected error is logged as its class, its Prisma (or database) code and a
 * short redacted message, never with the values Prisma quotes from the failed call. Driven by
 * real Prisma errors on both databases, through the two wrappers that log them (the server
 * action wrapper and the machine API's route wrapper), with console.error captured.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { publicAction } from "@/lib/auth/action";
import { apiKeyRoute } from "@/lib/machine-api/route";
import { parseKeyRing } from "@/lib/crypto/key-ring";
import type { Db } from "@/lib/db";
import { describeError, MESSAGE_LENGTH } from "@/lib/log/safe-error";
import { sealField } from "@/lib/secrets/sealed-fields";
import { describeEachDatabase } from "../support/databases";
import { apiKey } from "../api/support/fixtures";
import { keyRingEntry } from "../support/token-fixtures";

const ring = parseKeyRing(keyRingEntry("k-log"));
const globals = globalThis as unknown as { latchkeyDb?: unknown };

/** console.error lines written while `work` runs. */
async function errorLines(work: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return lines;
}

async function caught(work: () => Promise<unknown>): Promise<unknown> {
  return work().then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error,
  );
}

describeEachDatabase("unexpected errors in the log", (ctx) => {
  const KNOWN = `known-value-${Math.random().toString(36).slice(2, 10)}`;
  let sealed: string;

  beforeAll(async () => {
    const { db } = ctx();
    sealed = sealField(ring, "Connector.clientSecret", "log-c1", "the-client-secret");
    await db.connector.create({
      data: { id: "log-c1", name: KNOWN, grantType: "client_credentials", tokenUrl: "https://vendor.example/token", clientId: "c", clientSecretEnc: sealed },
    });
  });
  afterEach(() => {
    delete globals.latchkeyDb;
  });

  /** Real Prisma failures whose messages quote a ciphertext or a stored value. */
  const failures: [string, (db: Db) => Promise<unknown>, () => string][] = [
    // Prisma prints the whole argument object, ciphertext included, for a call it cannot validate.
    [
      "a validation error quoting a ciphertext",
      (db) => db.connector.update({ where: { id: "log-c1" }, data: { clientSecretEnc: sealed, notAColumn: 1 } as never }),
      () => sealed,
    ],
    // A raw query error carries the database's message, which names what it refused.
    ["a raw query error", (db) => db.$queryRawUnsafe(`SELECT * FROM "${KNOWN}"`), () => KNOWN],
  ];

  it.each(failures)("the server action wrapper logs %s by class and code, without the value", async (_name, fail, value) => {
    const { db } = ctx();
    const raw = await caught(() => fail(db));
    expect((raw as Error).message, "the raw Prisma message quotes the value (the reason this matters)").toContain(value());

    const action = publicAction(z.object({}), () => fail(db));
    let result: unknown;
    const lines = await errorLines(async () => (result = await action({})));
    expect(result).toMatchObject({ ok: false, code: "INTERNAL" });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^latchkey: action failed \(ref [0-9a-f]{8}\): PrismaClient\w+Error( P\d{4})?( \(\w+\))?$/);
    expect(lines[0]).not.toContain(value());
    expect(lines[0]).not.toContain(sealed.split(".")[3]!.slice(0, 12));
  });

  it("the machine API's route wrapper logs a Prisma error by class and code, without the value", async () => {
    const { db } = ctx();
    globals.latchkeyDb = db;
    const { key } = await apiKey(db);
    const route = apiKeyRoute<object>(async (_request, { db: routeDb }) => {
      await routeDb.connector.update({ where: { id: "log-c1" }, data: { clientSecretEnc: sealed, notAColumn: KNOWN } as never });
      return new Response("unreachable");
    });
    let response: Response | undefined;
    const lines = await errorLines(
      async () => (response = await route(new Request("http://localhost/api/v1/x", { headers: { authorization: `Bearer ${key}` } }), {})),
    );
    expect(response?.status).toBe(500);
    expect(lines).toEqual([expect.stringMatching(/^latchkey: API request failed \(ref [0-9a-f]{8}\): PrismaClientValidationError$/)]);
    expect(lines[0]).not.toContain(KNOWN);
    expect(lines[0]).not.toContain(sealed);
  });

  it("a unique violation on a row with a known value is logged as class, code and model only", async () => {
    const { db } = ctx();
    const duplicate = () =>
      db.connector.create({
        data: { id: "log-c2", name: KNOWN, grantType: "client_credentials", tokenUrl: "https://vendor.example/token", clientId: "c", clientSecretEnc: sealed },
      });
    expect(describeError(await caught(duplicate))).toBe("PrismaClientKnownRequestError P2002 (Connector)");
    const lines = await errorLines(() => publicAction(z.object({}), duplicate)({}));
    expect(lines).toEqual([expect.stringMatching(/^latchkey: action failed \(ref [0-9a-f]{8}\): PrismaClientKnownRequestError P2002 \(Connector\)$/)]);
  });
});

describe("describeError", () => {
  const sealedValue = sealField(ring, "Token.accessToken", "t1", "an-access-token");

  it.each([
    [new TypeError("fetch failed"), "TypeError: fetch failed"],
    [Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }), "Error ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:5432"],
    [new Error("first line\nsecond line with data"), "Error: first line"],
    [new Error(""), "Error"],
    ["a string", "non-error thrown (string)"],
    [null, "non-error thrown (null)"],
  ])("%s → %s", (error, line) => {
    expect(describeError(error)).toBe(line);
  });

  it("removes credentials, sealed values, API keys and URL paths and queries from the message", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXZhbHVl";
    const apiKeyValue = `lk_1a2b3c4d_${"A".repeat(43)}`;
    const message = `upstream said Bearer abc123secretvalue with ${jwt} for ${sealedValue}, key ${apiKeyValue}, hook https://user:pw@hooks.example.com/services/T0/B0/secretpath?sig=s3cr3t, {"refresh_token":"rt-secret"}`;
    const line = describeError(new Error(message));
    for (const secret of ["abc123secretvalue", jwt, sealedValue, sealedValue.split(".")[3]!, "A".repeat(43), "secretpath", "s3cr3t", "user:pw", "rt-secret"]) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain("lk_1a2b3c4d_[redacted]");
    expect(line).toContain("https://hooks.example.com/…");
  });

  it("keeps the first line short, whatever the message's size", () => {
    const started = performance.now();
    const line = describeError(new RangeError(`${"x".repeat(5_000_000)}\nmore`));
    expect(performance.now() - started).toBeLessThan(500);
    expect(line.length).toBeLessThanOrEqual("RangeError: ".length + MESSAGE_LENGTH);
    expect(line.endsWith("…")).toBe(true);
  });
});

afterAll(() => {
  delete globals.latchkeyDb;
});
