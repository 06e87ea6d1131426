/**
 * Generate key pair and the connector's JWKS URL (SECURITY 44), on both databases: the private
 * key is sealed at once and signs what the public JWK verifies; the public JWK has no private
 * member and its kid is the RFC 7638 thumbprint; the event names no key material; the JWKS route
 * serves public keys only, follows the connector's Key ID and algorithm, and answers unknown
 * connectors with 404 JSON. A pasted private key is served by its derived public half.
 */
import { createPrivateKey } from "node:crypto";
import { calculateJwkThumbprint, decodeProtectedHeader, importJWK, jwtVerify } from "jose";
import { afterAll, beforeAll, expect, it } from "vitest";
import { TEST_EC_PRIVATE_KEY, TEST_RSA_PRIVATE_KEY } from "@/e2e/vendor/client-keys";
import { GET as jwksRoute } from "@/app/api/v1/connectors/[id]/jwks.json/route";
import { jwksUrlOf } from "@/lib/connectors/jwks";
import { generateConnectorKeyPair } from "@/lib/connectors/key-pair";
import { loadOAuthClient } from "@/lib/connectors/oauth-client";
import { connectorSchema, defaultConnectorValues, type ConnectorFormValues } from "@/lib/connectors/schema";
import { getConnectorForEdit } from "@/lib/connectors/queries";
import { createConnector, duplicateConnector } from "@/lib/connectors/service";
import { updateConnector } from "@/lib/connector-admin/service";
import { DomainError } from "@/lib/errors";
import { signClientAssertion } from "@/lib/oauth";
import { describeEachDatabase } from "../support/databases";
import { adminActor, testConfig } from "../support/token-fixtures";

const config = testConfig();
const schema = connectorSchema({ allowLoopback: true });
const globals = globalThis as unknown as { latchkeyDb?: unknown };
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

function values(overrides: Partial<ConnectorFormValues>) {
  return schema.parse({
    ...defaultConnectorValues(),
    grantType: "client_credentials",
    tokenUrl: "https://vendor.example.com/oauth2/v1/token",
    clientId: "0oa-service-app",
    clientAuth: "private_key_jwt",
    scopes: ["okta.users.read"],
    ...overrides,
  });
}

async function jwks(id: string): Promise<{ status: number; cacheControl: string | null; body: { keys?: Record<string, unknown>[]; error?: string } }> {
  const response = await jwksRoute(new Request(`http://localhost:3999/api/v1/connectors/${id}/jwks.json`), { params: Promise.resolve({ id }) });
  return {
    status: response.status,
    cacheControl: response.headers.get("cache-control"),
    body: (await response.json()) as { keys?: Record<string, unknown>[] },
  };
}

describeEachDatabase("Generate key pair and the JWKS URL", (ctx) => {
  beforeAll(() => {
    globals.latchkeyDb = ctx().db; // what the route's getDb() hands out
  });
  afterAll(() => {
    delete globals.latchkeyDb;
  });

  it.each(["RS256", "PS256", "ES256"] as const)(
    "%s: seals the private key, keeps the public JWK, and the stored key signs what the JWK verifies",
    async (alg) => {
      const { db } = ctx();
      const actor = await adminActor(db);
      const { id } = await createConnector(db, config.keyRing, actor, values({ name: `Generated ${alg}`, keyId: "old-kid" }));
      const before = await db.connector.findUniqueOrThrow({ where: { id } });

      const publicJwk = await generateConnectorKeyPair(db, config.keyRing, actor, id, alg);
      for (const member of PRIVATE_MEMBERS) expect(publicJwk).not.toHaveProperty(member);
      expect(publicJwk).toMatchObject({ kty: alg === "ES256" ? "EC" : "RSA", use: "sig", alg });
      expect(publicJwk.kid).toBe(await calculateJwkThumbprint(publicJwk, "sha256"));

      const row = await db.connector.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ keyId: publicJwk.kid, signingAlg: alg, configVersion: before.configVersion + 1 });
      expect(JSON.parse(row.publicJwk!)).toEqual(publicJwk);
      expect(row.privateKeyEnc).toBeTruthy();

      const client = await loadOAuthClient(db, config.keyRing, id);
      expect(client.config.signingKey).toMatchObject({ keyId: publicJwk.kid, alg, privateKey: expect.stringMatching(/^-----BEGIN PRIVATE KEY-----/) });
      // Sealed, not stored as PEM: neither the armour nor any line of the key's body is in the row.
      expect(row.privateKeyEnc).not.toContain("PRIVATE KEY");
      for (const line of client.config.signingKey!.privateKey.split("\n").filter((l) => l && !l.startsWith("-----")))
        expect(row.privateKeyEnc).not.toContain(line);
      const assertion = await signClientAssertion(client.config, new Date());
      expect(decodeProtectedHeader(assertion)).toEqual({ alg, kid: publicJwk.kid });
      await expect(jwtVerify(assertion, await importJWK(publicJwk, alg))).resolves.toBeTruthy();

      const event = await db.event.findFirstOrThrow({ where: { connectorId: id, type: "connector.key_generated" } });
      expect(JSON.parse(event.detail)).toEqual({ alg, keyId: publicJwk.kid });
      expect(event.detail).not.toContain(client.config.signingKey!.privateKey.split("\n")[1]!.slice(0, 20));

      const served = await jwks(id);
      expect(served).toMatchObject({ status: 200, cacheControl: "public, max-age=300", body: { keys: [publicJwk] } });
    },
  );

  it("a pasted key is served by its public half, with the connector's Key ID and algorithm as they are now; a new key replaces it", async () => {
    const { db } = ctx();
    const actor = await adminActor(db);
    const input = values({ name: "Pasted key", privateKey: TEST_RSA_PRIVATE_KEY, keyId: "my-kid" });
    const { id } = await createConnector(db, config.keyRing, actor, input);
    const expected = createPrivateKey(TEST_RSA_PRIVATE_KEY).export({ format: "jwk" });
    const first = await jwks(id);
    expect(first.body.keys).toEqual([{ kty: "RSA", n: expected.n, e: expected.e, kid: "my-kid", use: "sig", alg: "RS256" }]);
    for (const member of PRIVATE_MEMBERS) expect(first.body.keys![0]).not.toHaveProperty(member);

    // Key ID cleared and PS256 chosen, same key: the thumbprint names it, the algorithm follows.
    await updateConnector(db, config, actor, id, { ...input, privateKey: "", keyId: "", signingAlg: "PS256" });
    const thumbprint = await calculateJwkThumbprint({ kty: "RSA", n: expected.n!, e: expected.e! }, "sha256");
    expect((await jwks(id)).body.keys).toEqual([{ kty: "RSA", n: expected.n, e: expected.e, kid: thumbprint, use: "sig", alg: "PS256" }]);
    // An algorithm the key cannot serve is left out rather than announced wrongly.
    await updateConnector(db, config, actor, id, { ...input, privateKey: "", signingAlg: "ES256" });
    expect((await jwks(id)).body.keys![0]).not.toHaveProperty("alg");

    await updateConnector(db, config, actor, id, { ...input, privateKey: TEST_EC_PRIVATE_KEY, keyId: "ec-kid", signingAlg: "ES256" });
    const ec = createPrivateKey(TEST_EC_PRIVATE_KEY).export({ format: "jwk" });
    expect((await jwks(id)).body.keys).toEqual([{ kty: "EC", crv: "P-256", x: ec.x, y: ec.y, kid: "ec-kid", use: "sig", alg: "ES256" }]);
  });

  it("the private key is write-only: not in the form's values, not copied by Duplicate, and needed again when a vendor URL moves to another origin", async () => {
    const { db } = ctx();
    const actor = await adminActor(db);
    const input = values({ name: "Write-only key", privateKey: TEST_RSA_PRIVATE_KEY, keyId: "kid-1" });
    const { id } = await createConnector(db, config.keyRing, actor, input);
    const forEdit = await getConnectorForEdit(db, id);
    expect(forEdit?.values.privateKey).toBe("");
    expect(forEdit?.storedSecrets.privateKey).toBe(true);
    expect(JSON.stringify(forEdit)).not.toContain(TEST_RSA_PRIVATE_KEY.split("\n")[1]);

    const copy = await duplicateConnector(db, actor, id);
    expect(await db.connector.findUniqueOrThrow({ where: { id: copy.id } })).toMatchObject({ privateKeyEnc: null, publicJwk: null });
    expect((await jwks(copy.id)).body.keys).toEqual([]);

    const moved = { ...input, privateKey: "", tokenUrl: "https://elsewhere.example.net/token" };
    await expect(updateConnector(db, config, actor, id, moved)).rejects.toMatchObject({ field: "privateKey" });
    await expect(updateConnector(db, config, actor, id, { ...moved, privateKey: TEST_EC_PRIVATE_KEY, signingAlg: "ES256" })).resolves.toMatchObject({
      originChanged: ["tokenUrl"],
    });
  });

  it("no key: an empty set; unknown connector: 404 JSON; generating for an unknown connector is NOT_FOUND", async () => {
    const { db } = ctx();
    const actor = await adminActor(db);
    const { id } = await createConnector(db, config.keyRing, actor, values({ name: "No key yet" }));
    expect(await jwks(id)).toMatchObject({ status: 200, body: { keys: [] } });
    const unknown = await jwks("no-such-connector");
    expect(unknown).toMatchObject({ status: 404, cacheControl: "no-store", body: { error: "unknown_connector" } });
    await expect(generateConnectorKeyPair(db, config.keyRing, actor, "no-such-connector", "RS256")).rejects.toBeInstanceOf(DomainError);
    expect(jwksUrlOf("https://latchkey.example.com/", id)).toBe(`https://latchkey.example.com/api/v1/connectors/${id}/jwks.json`);
  });
});
