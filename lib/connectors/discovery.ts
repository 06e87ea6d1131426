/**
 * Discover: reads an issuer's published metadata (OIDC Discovery, then RFC 8414) and says what
 * it means for the connector form. Nothing is stored; the form decides what to keep.
 *
 * The issuer is an admin-typed URL, so both requests go through the outbound guard exactly like
 * token requests (SECURITY 12–14: https only unless the loopback development setting is on,
 * every resolved address checked, no redirects followed), with a shorter deadline and a small
 * size cap, since a metadata document is a few kilobytes. Only a document whose issuer is the one
 * entered is used (SECURITY 40).
 */
import { z } from "zod";
import type { Config } from "../env";
import { DomainError } from "../errors";
import { guardedRequest, isOutboundError, type Resolver } from "../http/guarded-fetch";
import { issuerProblem, metadataLocations, parseMetadataResponse, type DiscoveredSettings, type MetadataKind } from "../oauth/discovery";
import { placeholdersIn } from "../catalog/template";
import { vendorUrlProblem } from "../http/url-policy";
import { LIMITS } from "./schema";

export const DISCOVERY_TIMEOUT_MS = 10_000;
export const DISCOVERY_MAX_BYTES = 256 * 1024;

/** Failures of the connection itself: the second location is on the same host, so it would fail the same way. */
const UNREACHABLE = new Set(["bad_scheme", "blocked_address", "network", "timeout"]);

/** The Discover input: the Issuer URL under the connector schema's URL rules. */
export function discoveryInputSchema(rules: { allowLoopback: boolean }) {
  return z.object({
    issuerUrl: z
      .string()
      .trim()
      .min(1, "Enter the Issuer URL")
      .max(LIMITS.url, `At most ${LIMITS.url} characters`)
      .superRefine((value, ctx) => {
        const [variable] = placeholdersIn(value);
        const problem = variable ? `Enter {${variable}} in the Issuer URL first` : (vendorUrlProblem(value, rules) ?? issuerProblem(value));
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
  });
}

export interface IssuerDiscovery {
  issuer: string;
  /** Where the metadata was found. */
  metadataUrl: string;
  kind: MetadataKind;
  /** Why the first location was passed over, when the metadata came from the second. */
  passedOver: string | null;
  settings: DiscoveredSettings;
}

export interface DiscoveryOptions {
  timeoutMs?: number;
  /** For tests: answers host names instead of the system resolver. */
  resolve?: Resolver;
}

/** Fetches and checks `issuer`'s metadata; a DomainError on the issuerUrl field says why none was usable. */
export async function discoverIssuer(issuer: string, config: Pick<Config, "devAllowLoopback">, options: DiscoveryOptions = {}): Promise<IssuerDiscovery> {
  const allowLoopback = config.devAllowLoopback;
  const problem = issuerProblem(issuer);
  if (problem) throw new DomainError("INVALID_INPUT", problem, "issuerUrl");
  const misses: string[] = [];
  for (const location of metadataLocations(issuer)) {
    let response;
    try {
      response = await guardedRequest(
        { url: location.url, method: "GET", headers: { accept: "application/json" } },
        { allowLoopback, timeoutMs: options.timeoutMs ?? DISCOVERY_TIMEOUT_MS, maxBytes: DISCOVERY_MAX_BYTES, resolve: options.resolve },
      );
    } catch (error) {
      if (!isOutboundError(error)) throw error;
      // The guard's messages name the host and the reason only.
      if (UNREACHABLE.has(error.code)) throw new DomainError("INVALID_INPUT", `Could not fetch the issuer's metadata: ${error.message}`, "issuerUrl");
      misses.push(
        error.code === "redirect"
          ? `${location.url} redirects elsewhere (HTTP ${error.httpStatus ?? "3xx"}); Latchkey does not follow redirects.`
          : error.message,
      );
      continue;
    }
    const result = parseMetadataResponse(issuer, location, response, { urlProblem: (url) => vendorUrlProblem(url, { allowLoopback }) });
    if (result.ok) return { issuer, metadataUrl: location.url, kind: location.kind, passedOver: misses[0] ?? null, settings: result.settings };
    misses.push(result.error.message);
  }
  throw new DomainError("INVALID_INPUT", `No usable metadata was found for this issuer. ${misses.join(" ")}`, "issuerUrl");
}
