/**
 * Generated token endpoint responses through parseTokenResponse: it never throws, every failure
 * has a known OAuthErrorCode, and no generated secret leaves in an error or in a success's stored
 * extra fields. The property lives in scripts/reliability/properties/token-response.ts, where
 * `npm run reliability` runs it with a recorded seed for RELIABILITY.md; here it runs with a
 * fresh seed on every `npm test`. Reproduce a failure with the seed and path fast-check prints:
 * FC_SEED=… FC_PATH=… npx vitest run test/fuzz/token-response.fuzz.test.ts.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { checkTokenResponse, responseArb, tokenResponseProperty } from "@/scripts/reliability/properties/token-response";

const RUNS = 1_000;
const replay = process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH } : {};

it(`parse without throwing, classify every failure and leak no secret (${RUNS} runs)`, () => {
  fc.assert(tokenResponseProperty(), { numRuns: RUNS, ...replay });
});

it("the check itself fails when a secret reaches the excerpt", () => {
  // Guards the property: a secret the parser was not told about, in plain text, is kept in the excerpt (nothing claims to redact it).
  const [sample] = fc.sample(responseArb, { numRuns: 1, seed: 1 });
  const leaking = { ...sample!, response: { status: 400, headers: { "content-type": "text/plain" }, body: `oops ${sample!.callerSecrets[0]}` } };
  expect(() => checkTokenResponse(leaking)).not.toThrow();
  expect(() => checkTokenResponse({ ...leaking, callerSecrets: [], fieldSecrets: [sample!.callerSecrets[0]!] })).toThrow(/survives in error.excerpt/);
});
