/**
 * The signed JWTs of RFC 7523, checked claim by claim with jose's verifier against the public
 * key: private_key_jwt client assertions (§2.2, OIDC Core §9) and JWT bearer grant assertions
 * (§2.1). Every key form an admin may paste is read; a key that cannot sign gives a message that
 * says what to change and quotes no key material (SECURITY 44).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import { decodeProtectedHeader, importSPKI, jwtVerify, type JWTPayload } from "jose";
import { describe, expect, it } from "vitest";
import { TEST_EC_PRIVATE_KEY, TEST_RSA_PRIVATE_KEY } from "@/e2e/vendor/client-keys";
import {
  AssertionError,
  CLIENT_ASSERTION_LIFETIME_SECONDS,
  JWT_BEARER_LIFETIME_SECONDS,
  readSigningKey,
  signClientAssertion,
  signJwtBearerAssertion,
  type SigningAlgorithm,
  type SigningKey,
} from "@/lib/oauth";
import { oauthConfig } from "../support/quirky-vendor-config";

const NOW = new Date("2026-12-02T10:00:00Z");
const IAT = Math.floor(NOW.getTime() / 1000);
const TOKEN_URL = "https://vendor.example.com/oauth2/v1/token";

async function verify(jwt: string, privateKeyPem: string, alg: SigningAlgorithm): Promise<JWTPayload> {
  const spki = createPublicKey(privateKeyPem).export({ type: "spki", format: "pem" }).toString();
  const { payload } = await jwtVerify(jwt, await importSPKI(spki, alg), { algorithms: [alg], currentDate: NOW });
  return payload;
}

const rsaKey = (overrides: Partial<SigningKey> = {}): SigningKey => ({ privateKey: TEST_RSA_PRIVATE_KEY, keyId: "key-1", alg: "RS256", ...overrides });

describe("private_key_jwt client assertion (RFC 7523 §2.2, §3)", () => {
  const config = (signingKey: SigningKey | null) =>
    oauthConfig({ clientId: "0oa1client", clientSecret: null, clientAuth: "private_key_jwt", tokenUrl: TOKEN_URL, signingKey });

  it("iss = sub = client id, aud = the token endpoint, a 60 s lifetime, a fresh jti each time, alg and kid in the header", async () => {
    const first = await signClientAssertion(config(rsaKey()), NOW);
    const second = await signClientAssertion(config(rsaKey()), NOW);
    expect(decodeProtectedHeader(first)).toEqual({ alg: "RS256", kid: "key-1" });
    const claims = await verify(first, TEST_RSA_PRIVATE_KEY, "RS256");
    expect(claims).toEqual({ iss: "0oa1client", sub: "0oa1client", aud: TOKEN_URL, iat: IAT, exp: IAT + 60, jti: expect.any(String) });
    expect(CLIENT_ASSERTION_LIFETIME_SECONDS).toBe(60);
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect((await verify(second, TEST_RSA_PRIVATE_KEY, "RS256")).jti).not.toBe(claims.jti);
  });

  it("signs with ES256 and PS256 too, and leaves kid out when the connector names none", async () => {
    const es = await signClientAssertion(config({ privateKey: TEST_EC_PRIVATE_KEY, keyId: null, alg: "ES256" }), NOW);
    expect(decodeProtectedHeader(es)).toEqual({ alg: "ES256" });
    expect((await verify(es, TEST_EC_PRIVATE_KEY, "ES256")).iss).toBe("0oa1client");
    const ps = await signClientAssertion(config(rsaKey({ alg: "PS256" })), NOW);
    expect(decodeProtectedHeader(ps).alg).toBe("PS256");
    expect((await verify(ps, TEST_RSA_PRIVATE_KEY, "PS256")).aud).toBe(TOKEN_URL);
  });

  it("reads PKCS#8, PKCS#1 (BEGIN RSA PRIVATE KEY), SEC1 (BEGIN EC PRIVATE KEY), a private JWK and a PEM whose line breaks are written \\n", async () => {
    const pkcs1 = createPrivateKey(TEST_RSA_PRIVATE_KEY).export({ type: "pkcs1", format: "pem" }).toString();
    const sec1 = createPrivateKey(TEST_EC_PRIVATE_KEY).export({ type: "sec1", format: "pem" }).toString();
    const jwk = JSON.stringify(createPrivateKey(TEST_RSA_PRIVATE_KEY).export({ format: "jwk" }));
    const escaped = TEST_RSA_PRIVATE_KEY.trim().replace(/\n/g, "\\n");
    expect(pkcs1).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    expect(sec1).toMatch(/^-----BEGIN EC PRIVATE KEY-----/);
    for (const [privateKey, alg, pem] of [
      [pkcs1, "RS256", TEST_RSA_PRIVATE_KEY],
      [sec1, "ES256", TEST_EC_PRIVATE_KEY],
      [jwk, "RS256", TEST_RSA_PRIVATE_KEY],
      [escaped, "RS256", TEST_RSA_PRIVATE_KEY],
    ] as const) {
      const jwt = await signClientAssertion(config({ privateKey, keyId: null, alg }), NOW);
      expect((await verify(jwt, pem, alg)).sub).toBe("0oa1client");
    }
  });

  it("refuses without a key or a client id", async () => {
    await expect(signClientAssertion(config(null), NOW)).rejects.toThrow(/needs a private key: paste one, or generate a key pair/);
    await expect(signClientAssertion({ ...config(rsaKey()), clientId: "" }, NOW)).rejects.toThrow(/needs the Client ID/);
  });
});

describe("JWT bearer grant assertion (RFC 7523 §2.1, §3)", () => {
  const config = (
    jwtBearer: Partial<NonNullable<ReturnType<typeof oauthConfig>["jwtBearer"]>> = {},
    scopes = ["https://www.googleapis.com/auth/admin.directory.user.readonly", "openid"],
  ) =>
    oauthConfig({
      grantType: "jwt_bearer",
      tokenUrl: "https://oauth2.googleapis.com/token",
      clientId: "",
      clientSecret: null,
      scopes,
      signingKey: rsaKey({ keyId: "sa-key-id" }),
      jwtBearer: { issuer: "sync@project.iam.gserviceaccount.com", subject: "admin@example.com", audience: null, scopeIn: "claim", ...jwtBearer },
    });

  it("iss, sub, aud = the token URL, a five-minute lifetime, jti, and the scopes as a space-separated claim (Google)", async () => {
    const jwt = await signJwtBearerAssertion(config(), NOW);
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: "RS256", kid: "sa-key-id" });
    expect(await verify(jwt, TEST_RSA_PRIVATE_KEY, "RS256")).toEqual({
      iss: "sync@project.iam.gserviceaccount.com",
      sub: "admin@example.com",
      aud: "https://oauth2.googleapis.com/token",
      iat: IAT,
      exp: IAT + 300,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      scope: "https://www.googleapis.com/auth/admin.directory.user.readonly openid",
    });
    expect(JWT_BEARER_LIFETIME_SECONDS).toBeLessThanOrEqual(3600);
  });

  it("leaves sub out when no subject is set, uses the JWT Audience when one is, and no scope claim when scopes go in the parameter", async () => {
    const claims = await verify(
      await signJwtBearerAssertion(config({ subject: null, audience: "account-d.docusign.com", scopeIn: "param" }), NOW),
      TEST_RSA_PRIVATE_KEY,
      "RS256",
    );
    expect(claims).not.toHaveProperty("sub");
    expect(claims).not.toHaveProperty("scope");
    expect(claims.aud).toBe("account-d.docusign.com");
    const noScopes = await verify(await signJwtBearerAssertion(config({}, []), NOW), TEST_RSA_PRIVATE_KEY, "RS256");
    expect(noScopes).not.toHaveProperty("scope");
  });

  it("refuses without a key or an issuer", async () => {
    await expect(signJwtBearerAssertion({ ...config(), signingKey: null }, NOW)).rejects.toThrow(/needs the private key/);
    await expect(signJwtBearerAssertion(config({ issuer: "" }), NOW)).rejects.toThrow(/needs a JWT Issuer/);
  });
});

describe("a key that cannot sign (SECURITY 44)", () => {
  const p384 = generateKeyPairSync("ec", { namedCurve: "secp384r1" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const rsa1024 = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const ed25519 = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const publicJwk = JSON.stringify(createPublicKey(TEST_RSA_PRIVATE_KEY).export({ format: "jwk" }));
  const broken = TEST_RSA_PRIVATE_KEY.replace(/[A-Za-z]{12}/, "AAAAAAAAAAAA");

  it.each([
    ["garbage", "not a key at all", /could not be read/],
    ["a damaged PEM", broken, /could not be read/],
    ["a public JWK", publicJwk, /could not be read/],
    ["an RSA key for ES256", TEST_RSA_PRIVATE_KEY, /ES256 signs with an EC P-256 key, and this is an RSA key/],
    ["an EC P-256 key for RS256", TEST_EC_PRIVATE_KEY, /RS256 signs with an RSA key, and this is an EC key \(P-256\)/],
    ["an EC P-384 key for ES256", p384, /ES256 needs an EC key on the P-256 curve, and this is an EC key \(P-384\)/],
    ["an RSA 1024 key for RS256", rsa1024, /at least 2048 bits, and this one has 1024/],
    ["an Ed25519 key for PS256", ed25519, /PS256 signs with an RSA key, and this is an Ed25519 key/],
  ])("%s: a clear message without key material", (name, privateKey, message) => {
    const alg: SigningAlgorithm = name.includes("ES256") ? "ES256" : name.includes("PS256") ? "PS256" : "RS256";
    let error: unknown;
    try {
      readSigningKey({ privateKey, alg });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AssertionError);
    const text = (error as Error).message;
    expect(text).toMatch(message);
    // No run of base64 from the key (or the input) appears in the message.
    for (const line of privateKey.split(/\n|"/).filter((part) => part.length >= 16 && !part.startsWith("-----"))) expect(text).not.toContain(line.slice(0, 16));
  });
});
