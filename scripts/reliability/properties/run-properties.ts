/**
 * Runs the in-process properties (token responses, proxy paths, redaction) with fast-check, each
 * with the run's seed and at least the asked number of runs, and reports what failed with the
 * shrunk counterexample.
 */
import fc from "fast-check";
import { proxyPathProperty } from "./proxy-paths";
import { redactionProperty } from "./redaction";
import { tokenResponseProperty } from "./token-response";

export interface PropertyResult {
  name: string;
  through: string;
  claim: string;
  runs: number;
  seed: number;
  failed: boolean;
  /** The shrunk counterexample and the error, when it failed. */
  counterexample: string | null;
  seconds: number;
}

const PROPERTIES = [
  {
    name: "Token responses",
    through: "lib/oauth parseTokenResponse",
    claim:
      "never throws; every failure has a known OAuthErrorCode; no generated secret in the error's excerpt, description, vendor error or message, nor as a value in a success's stored extra fields",
    property: tokenResponseProperty,
  },
  {
    name: "Proxy paths",
    through: "lib/proxy/target.ts proxyTarget",
    claim:
      "refused with bad_path, or the target stays under the API Base URL as sent, decoded once, with ;parameters dropped and with Unicode folded (with and without the encoded-slash setting)",
    property: proxyPathProperty,
  },
  {
    name: "Redaction",
    through: "lib/oauth redact, excerptOf",
    claim:
      "no generated secret survives in any spelling the code claims (as written, URL-, form-, JSON-escaped): the caller's secrets anywhere, unknown ones in secret-named JSON and form pairs (also cut before the closing quote), after Bearer/Basic, JWTs",
    property: redactionProperty,
  },
] as const;

export function runProperties(
  { runs, seed, only = null }: { runs: number; seed: number; only?: readonly string[] | null },
  log: (line: string) => void,
): PropertyResult[] {
  return PROPERTIES.filter(({ name }) => !only || only.includes(name)).map(({ name, through, claim, property }) => {
    const started = Date.now();
    const details = fc.check(property() as fc.IProperty<unknown>, { numRuns: runs, seed });
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : details.errorInstance === null ? "" : String(details.errorInstance);
    const result: PropertyResult = {
      name,
      through,
      claim,
      runs: details.numRuns,
      seed,
      failed: details.failed,
      counterexample: details.failed ? `${error} — counterexample ${JSON.stringify(details.counterexample).slice(0, 600)}` : null,
      seconds: (Date.now() - started) / 1000,
    };
    log(`  ${name}: ${result.runs} runs, ${result.failed ? `FAILED: ${result.counterexample}` : "held"} (${result.seconds.toFixed(1)} s)`);
    return result;
  });
}
