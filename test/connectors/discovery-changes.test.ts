/**
 * What Discover does to the form and how the result panel words it: a value the metadata gives
 * and the form lacks is set; a value equal to the form's, or one the metadata does not give, is
 * left and reported unchanged.
 */
import { describe, expect, it } from "vitest";
import { discoveryChanges } from "@/components/connectors/discovery-changes";
import { defaultConnectorValues } from "@/lib/connectors/schema";
import { parseMetadataDocument } from "@/lib/oauth/discovery";

const ISSUER = "https://login.vendor.example.com";

function discovered(overrides: Record<string, unknown> = {}) {
  const result = parseMetadataDocument(ISSUER, {
    issuer: ISSUER,
    authorization_endpoint: `${ISSUER}/authorize`,
    token_endpoint: `${ISSUER}/token`,
    token_endpoint_auth_methods_supported: ["client_secret_basic"],
    ...overrides,
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.settings;
}

describe("discoveryChanges", () => {
  it("sets what differs and reports the rest unchanged, in the form's words", () => {
    const changes = discoveryChanges(discovered({ authorization_response_iss_parameter_supported: true }), {
      ...defaultConnectorValues(),
      clientAuth: "basic",
      usePkce: true,
    });
    expect(changes.map((c) => c.line)).toEqual([
      `Auth URL: set to ${ISSUER}/authorize`,
      `Access Token URL: set to ${ISSUER}/token`,
      "Revocation URL: unchanged (empty)",
      "Use PKCE: unchanged (on)",
      "Client Authentication: unchanged (Basic)",
      "Require iss on the redirect: set to on",
    ]);
    expect(changes.filter((c) => c.changed).map((c) => [c.field, c.value])).toEqual([
      ["authUrl", `${ISSUER}/authorize`],
      ["tokenUrl", `${ISSUER}/token`],
      ["requireIss", true],
    ]);
    expect(changes.find((c) => c.field === "usePkce")?.reason).toBe("code_challenge_methods_supported is not advertised");
  });

  it("switches client authentication to the body and PKCE off when the metadata says so", () => {
    const changes = discoveryChanges(
      discovered({ token_endpoint_auth_methods_supported: ["client_secret_post"], code_challenge_methods_supported: ["plain"] }),
      { ...defaultConnectorValues(), clientAuth: "basic", usePkce: true },
    );
    expect(changes.find((c) => c.field === "clientAuth")).toMatchObject({ changed: true, value: "body", line: "Client Authentication: set to Body" });
    expect(changes.find((c) => c.field === "usePkce")).toMatchObject({ changed: true, value: false, line: "Use PKCE: set to off" });
  });

  it("keeps the form's client authentication when the vendor offers only methods Latchkey lacks", () => {
    const change = discoveryChanges(discovered({ token_endpoint_auth_methods_supported: ["tls_client_auth"] }), {
      ...defaultConnectorValues(),
      clientAuth: "body",
    }).find((c) => c.field === "clientAuth");
    expect(change).toMatchObject({ changed: false, value: null, line: "Client Authentication: unchanged (Body)" });
    expect(change?.reason).toContain("Latchkey cannot use this method yet");
  });
});
