/**
 * Grants without a browser beyond client credentials, through the real lifecycle (Get token,
 * Refresh now, a worker's fresh token) on both databases, against small real vendors written
 * here:
 * - a JWT bearer vendor (RFC 7523 §2.1, Google and Docusign style) that verifies the assertion's
 *   signature with the public key and every claim: iss, sub, aud, iat, exp (at most an hour), a
 *   jti never seen before, and the scopes as a claim or as the parameter, never both;
 * - a Zoom-like vendor that answers only grant_type=account_credentials with account_id and the
 *   Basic header, filled from the Zoom preset.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createPublicKey, randomBytes } from "node:crypto";
import { jwtVerify, type JWTPayload } from "jose";
import { afterAll, beforeAll, expect, it } from "vitest";
import { TEST_EC_PRIVATE_KEY, TEST_RSA_PRIVATE_KEY } from "@/e2e/vendor/client-keys";
import { presetById } from "@/lib/catalog";
import { presetFilledValues } from "@/lib/connectors/preset-values";
import { connectorSchema, defaultConnectorValues, type ConnectorFormValues } from "@/lib/connectors/schema";
import { createConnector } from "@/lib/connectors/service";
import { ensureFreshToken, obtainClientCredentialsToken, refreshNow } from "@/lib/tokens/service";
import { readStoredToken } from "@/lib/tokens/token-store";
import { describeEachDatabase } from "../support/databases";
import { adminActor, testConfig } from "../support/token-fixtures";

const config = testConfig();
const schema = connectorSchema({ allowLoopback: true });
const GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** What each vendor saw, for the assertions about the wire. */
interface Seen {
  form: Record<string, string>;
  authorization: string | undefined;
  claims: JWTPayload | null;
  answer: Answer;
}

async function readForm(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
}

function listen(handler: (req: IncomingMessage) => Promise<Answer>): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    void handler(req).then((answer) => {
      res.writeHead(answer.status, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify(answer.body));
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

const token = (): Answer => ({ status: 200, body: { access_token: `at-${randomBytes(12).toString("hex")}`, token_type: "Bearer", expires_in: 3600 } });
const refuse = (error: string, description: string): Answer => ({ status: 400, body: { error, error_description: description } });

/** The service accounts the JWT bearer vendor knows: issuer → public key, subject, audience, and where the scopes must be. */
const accounts = new Map<
  string,
  { publicKey: ReturnType<typeof createPublicKey>; alg: string; subject: string | null; audience: string | null; scopeIn: "claim" | "param"; scope: string }
>();
const jwtSeen: Seen[] = [];
const seenJti = new Set<string>();
let jwtVendor: { server: Server; url: string };

async function answerJwtBearer(req: IncomingMessage): Promise<Answer> {
  const form = await readForm(req);
  const seen: Seen = { form, authorization: req.headers.authorization, claims: null, answer: refuse("invalid_request", "unread") };
  jwtSeen.push(seen);
  const answer = await (async (): Promise<Answer> => {
    if (form.grant_type !== GRANT) return refuse("unsupported_grant_type", `grant_type ${form.grant_type}`);
    if (!form.assertion) return refuse("invalid_request", "no assertion");
    const issuer = JSON.parse(Buffer.from(form.assertion.split(".")[1] ?? "", "base64url").toString("utf8")).iss as string;
    const account = accounts.get(issuer);
    if (!account) return refuse("invalid_grant", "unknown issuer");
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(form.assertion, account.publicKey, {
        algorithms: [account.alg],
        issuer,
        audience: account.audience ?? `${jwtVendor.url}/token`,
        requiredClaims: ["iat", "exp", "jti"],
        ...(account.subject ? { subject: account.subject } : {}),
        clockTolerance: 5,
      }));
    } catch (error) {
      return refuse("invalid_grant", `assertion refused: ${(error as Error).message}`);
    }
    seen.claims = claims;
    const now = Date.now() / 1000;
    if (account.subject === null && "sub" in claims) return refuse("invalid_grant", "unexpected sub");
    if (Math.abs(Number(claims.iat) - now) > 30) return refuse("invalid_grant", "iat is not now");
    if (Number(claims.exp) - Number(claims.iat) > 3600) return refuse("invalid_grant", "lifetime over an hour");
    if (seenJti.has(String(claims.jti))) return refuse("invalid_grant", "jti replayed");
    seenJti.add(String(claims.jti));
    const claimScope = claims.scope;
    if (account.scopeIn === "claim" && (claimScope !== account.scope || form.scope !== undefined)) return refuse("invalid_scope", "scopes belong in the claim");
    if (account.scopeIn === "param" && (form.scope !== account.scope || claimScope !== undefined))
      return refuse("invalid_scope", "scopes belong in the parameter");
    // No client authentication is needed for this grant (RFC 7521 §4.1), and none is expected.
    if (req.headers.authorization || form.client_id || form.client_secret) return refuse("invalid_request", "unexpected client authentication");
    return token();
  })();
  seen.answer = answer;
  return answer;
}

const ZOOM_CLIENT = { id: "zoom-s2s-client", secret: "zoom+s2s/secret" };
const zoomSeen: Seen[] = [];
let zoomVendor: { server: Server; url: string };

async function answerZoom(req: IncomingMessage): Promise<Answer> {
  const form = await readForm(req);
  zoomSeen.push({ form, authorization: req.headers.authorization, claims: null, answer: token() });
  const expected = `Basic ${Buffer.from(`${encodeURIComponent(ZOOM_CLIENT.id)}:${new URLSearchParams([["", ZOOM_CLIENT.secret]]).toString().slice(1)}`).toString("base64")}`;
  if (req.headers.authorization !== expected) return { status: 401, body: { reason: "Invalid client_id or client_secret", error: "invalid_client" } };
  if (form.grant_type !== "account_credentials") return refuse("unsupported_grant_type", "Unsupported grant type");
  if (form.account_id !== "AbCdEfGhIjKl") return refuse("invalid_request", "Invalid account_id");
  return token();
}

beforeAll(async () => {
  jwtVendor = await listen(answerJwtBearer);
  zoomVendor = await listen(answerZoom);
});
afterAll(async () => {
  for (const { server } of [jwtVendor, zoomVendor]) await new Promise((resolve) => server?.close(resolve));
});

function jwtBearerConnector(overrides: Partial<ConnectorFormValues>) {
  return schema.parse({
    ...defaultConnectorValues(),
    grantType: "jwt_bearer",
    clientId: "",
    tokenUrl: `${jwtVendor.url}/token`,
    signingAlg: "RS256",
    ...overrides,
  });
}

describeEachDatabase("service-account grants through the lifecycle", (ctx) => {
  it("JWT bearer, Google style: the vendor verifies the signature and every claim, scopes in the claim, and each new token gets a new assertion", async () => {
    const { db, kind } = ctx();
    const actor = await adminActor(db);
    const issuer = `sync-${kind}@project.iam.gserviceaccount.com`;
    const scopes = ["https://www.googleapis.com/auth/admin.directory.user.readonly", "https://www.googleapis.com/auth/admin.directory.group.readonly"];
    accounts.set(issuer, {
      publicKey: createPublicKey(TEST_RSA_PRIVATE_KEY),
      alg: "RS256",
      subject: "admin@example.com",
      audience: null,
      scopeIn: "claim",
      scope: scopes.join(" "),
    });
    const { id } = await createConnector(
      db,
      config.keyRing,
      actor,
      jwtBearerConnector({
        name: "Google service account",
        privateKey: TEST_RSA_PRIVATE_KEY,
        keyId: "sa-key-1",
        jwtIssuer: issuer,
        jwtSubject: "admin@example.com",
        jwtScopeIn: "claim",
        scopes,
      }),
    );

    jwtSeen.length = 0;
    expect(await obtainClientCredentialsToken(db, config, actor, id)).toMatchObject({ ok: true });
    expect(jwtSeen[0]?.answer.status).toBe(200);
    expect(Object.keys(jwtSeen[0]!.form).sort()).toEqual(["assertion", "grant_type"]);
    expect(jwtSeen[0]!.claims).toMatchObject({ iss: issuer, sub: "admin@example.com", aud: `${jwtVendor.url}/token`, scope: scopes.join(" ") });
    expect(Number(jwtSeen[0]!.claims!.exp) - Number(jwtSeen[0]!.claims!.iat)).toBe(300);
    const first = await readStoredToken(db, config.keyRing, id);
    expect(first).toMatchObject({ refreshToken: null, status: "active" });

    // No refresh token: Refresh now and a worker's forced renewal sign and send a new assertion.
    expect(await refreshNow(db, config, actor, id)).toMatchObject({ ok: true });
    expect(await ensureFreshToken(db, config, id, { force: true, actor })).toMatchObject({ ok: true });
    expect(jwtSeen.map((seen) => seen.answer.status)).toEqual([200, 200, 200]);
    expect(new Set(jwtSeen.map((seen) => seen.claims?.jti)).size).toBe(3);
    expect((await readStoredToken(db, config.keyRing, id))?.accessToken).not.toBe(first?.accessToken);
    const obtained = await db.event.findFirstOrThrow({ where: { connectorId: id, type: "token.obtained" } });
    expect(JSON.parse(obtained.detail)).toMatchObject({ grant: "jwt_bearer" });
  });

  it("JWT bearer, Docusign style: an ES256 key, no subject, its own audience and scopes as the parameter; a wrong issuer is refused and recorded", async () => {
    const { db, kind } = ctx();
    const actor = await adminActor(db);
    const issuer = `integration-key-${kind}`;
    accounts.set(issuer, {
      publicKey: createPublicKey(TEST_EC_PRIVATE_KEY),
      alg: "ES256",
      subject: null,
      audience: "account-d.docusign.com",
      scopeIn: "param",
      scope: "signature impersonation",
    });
    const { id } = await createConnector(
      db,
      config.keyRing,
      actor,
      jwtBearerConnector({
        name: "Docusign JWT",
        privateKey: TEST_EC_PRIVATE_KEY,
        signingAlg: "ES256",
        jwtIssuer: issuer,
        jwtAudience: "account-d.docusign.com",
        jwtScopeIn: "param",
        scopes: ["signature", "impersonation"],
      }),
    );
    jwtSeen.length = 0;
    expect(await obtainClientCredentialsToken(db, config, actor, id)).toMatchObject({ ok: true });
    expect(jwtSeen[0]!.form).toMatchObject({ grant_type: GRANT, scope: "signature impersonation" });
    expect(jwtSeen[0]!.claims).not.toHaveProperty("sub");

    const { id: wrong } = await createConnector(
      db,
      config.keyRing,
      actor,
      jwtBearerConnector({ name: "Unknown service account", privateKey: TEST_RSA_PRIVATE_KEY, jwtIssuer: "nobody@example.com" }),
    );
    expect(await obtainClientCredentialsToken(db, config, actor, wrong)).toMatchObject({ ok: false, error: { code: "invalid_grant" } });
    const failed = await db.event.findFirstOrThrow({ where: { connectorId: wrong, type: "token.obtained_failed" } });
    expect(failed.detail).not.toContain(jwtSeen.at(-1)!.form.assertion!.slice(0, 40));
  });

  it("a stored key that does not fit the algorithm stops before any request, as a client problem", async () => {
    const { db } = ctx();
    const actor = await adminActor(db);
    const { id } = await createConnector(
      db,
      config.keyRing,
      actor,
      jwtBearerConnector({ name: "Mismatched key", privateKey: TEST_RSA_PRIVATE_KEY, signingAlg: "ES256", jwtIssuer: "sa@example.com" }),
    );
    jwtSeen.length = 0;
    const outcome = await obtainClientCredentialsToken(db, config, actor, id);
    expect(outcome).toMatchObject({ ok: false, error: { code: "invalid_client", message: expect.stringContaining("ES256 signs with an EC P-256 key") } });
    expect(jwtSeen).toHaveLength(0);
    expect(await db.token.findUniqueOrThrow({ where: { connectorId: id } })).toMatchObject({ accessTokenEnc: null, status: "check_client" });
  });

  it("Zoom from its preset: grant_type=account_credentials with the account_id and the Basic header", async () => {
    const { db } = ctx();
    const actor = await adminActor(db);
    const zoom = presetById("zoom")!;
    const filled = presetFilledValues(zoom, { account_id: "AbCdEfGhIjKl" });
    const input = schema.parse({
      ...defaultConnectorValues(),
      ...filled,
      name: "Zoom S2S",
      tokenUrl: `${zoomVendor.url}/oauth/token`,
      revocationUrl: "",
      clientId: ZOOM_CLIENT.id,
      clientSecret: ZOOM_CLIENT.secret,
      presetId: zoom.id,
      presetVersion: zoom.version,
      presetVariables: { account_id: "AbCdEfGhIjKl" },
    });
    expect(input).toMatchObject({ grantType: "client_credentials", grantTypeValue: "account_credentials", clientAuth: "basic" });
    const { id } = await createConnector(db, config.keyRing, actor, input);
    zoomSeen.length = 0;
    expect(await obtainClientCredentialsToken(db, config, actor, id)).toMatchObject({ ok: true });
    expect(zoomSeen[0]!.form).toEqual({ grant_type: "account_credentials", account_id: "AbCdEfGhIjKl" });
    expect(await refreshNow(db, config, actor, id)).toMatchObject({ ok: true });
    expect(zoomSeen.map((seen) => seen.form.grant_type)).toEqual(["account_credentials", "account_credentials"]);

    // The standard value is refused by this vendor, as Zoom refuses it.
    const { id: standard } = await createConnector(db, config.keyRing, actor, { ...input, name: "Zoom standard grant", grantTypeValue: "client_credentials" });
    expect(await obtainClientCredentialsToken(db, config, actor, standard)).toMatchObject({ ok: false, error: { code: "unsupported_grant_type" } });
  });
});
