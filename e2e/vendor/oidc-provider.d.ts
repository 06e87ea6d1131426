// oidc-provider 9 ships no TypeScript types and @types/oidc-provider is not installed, so this
// declares only the part of its API that the test vendor uses. Shapes follow the library's
// documentation (docs/README.md of oidc-provider 9) and its source in node_modules.
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  /** What oidc-provider hands to an adapter: a JSON object describing one stored artifact. */
  export interface AdapterPayload {
    [key: string]: unknown;
    grantId?: string;
    uid?: string;
    userCode?: string;
    clientId?: string;
    consumed?: number;
  }

  /** Storage interface for one model (Session, Grant, AccessToken, RefreshToken, ...). */
  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn: number | undefined): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface ClientMetadata {
    client_id: string;
    client_secret?: string;
    grant_types?: string[];
    response_types?: string[];
    redirect_uris?: string[];
    token_endpoint_auth_method?: string;
    [key: string]: unknown;
  }

  export interface Client {
    clientId: string;
    grantTypeAllowed(grantType: string): boolean;
  }

  export interface AccountClaims {
    sub: string;
    [claim: string]: unknown;
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string, claims: unknown, rejected: string[]): Promise<AccountClaims>;
  }

  /** The Koa context oidc-provider passes to configuration helpers; opaque to the vendor. */
  export interface KoaContextWithOIDC {
    type: string;
    body: unknown;
    oidc: { route?: string; [key: string]: unknown };
  }

  export interface ErrorOut {
    error: string;
    error_description?: string;
    [key: string]: unknown;
  }

  type MaybePromise<T> = T | Promise<T>;

  /** Decides whether `client` may introspect or revoke `token`. */
  type TokenPolicy = (ctx: KoaContextWithOIDC, client: Client, token: { clientId?: string }) => MaybePromise<boolean>;

  /** OAuth error classes; throwing one makes oidc-provider answer with that error code. */
  export const errors: {
    InvalidRequest: new (description?: string) => Error;
  };

  export interface Configuration {
    adapter?: (modelName: string) => Adapter;
    clientAuthMethods?: string[];
    clients?: ClientMetadata[];
    /** How oidc-provider fetches a client's jwks_uri; `dispatcher` is its special-use address guard. */
    fetch?: (url: string | URL, options: RequestInit & { dispatcher?: unknown }) => Promise<Response>;
    claims?: Record<string, string[] | null>;
    /** true (default): ID tokens of code flows carry only `sub` and protocol claims, the rest goes to userinfo. */
    conformIdTokenClaims?: boolean;
    scopes?: string[];
    cookies?: {
      keys?: string[];
      names?: { session?: string; interaction?: string; resume?: string };
    };
    jwks?: { keys: Record<string, unknown>[] };
    features?: {
      devInteractions?: { enabled: boolean };
      clientCredentials?: { enabled: boolean };
      introspection?: { enabled: boolean; allowedPolicy?: TokenPolicy };
      revocation?: { enabled: boolean; allowedPolicy?: TokenPolicy };
      resourceIndicators?: { enabled: boolean };
      userinfo?: { enabled: boolean };
    };
    findAccount?: (ctx: KoaContextWithOIDC, sub: string) => MaybePromise<Account | undefined>;
    interactions?: { url?: (ctx: KoaContextWithOIDC, interaction: { uid: string }) => MaybePromise<string> };
    issueRefreshToken?: (ctx: KoaContextWithOIDC, client: Client, code: unknown) => MaybePromise<boolean>;
    rotateRefreshToken?: boolean | ((ctx: KoaContextWithOIDC) => MaybePromise<boolean>);
    expiresWithSession?: (ctx: KoaContextWithOIDC, code: unknown) => MaybePromise<boolean>;
    pkce?: { required?: (ctx: KoaContextWithOIDC, client: Client) => boolean };
    renderError?: (ctx: KoaContextWithOIDC, out: ErrorOut, error: Error) => MaybePromise<void>;
    routes?: Record<string, string>;
    ttl?: Record<string, number>;
  }

  export interface InteractionDetails {
    uid: string;
    prompt: {
      name: "login" | "consent" | (string & {});
      reasons: string[];
      details: {
        missingOIDCScope?: string[];
        missingOIDCClaims?: string[];
        missingResourceScopes?: Record<string, string[]>;
        [key: string]: unknown;
      };
    };
    params: { client_id?: string; scope?: string; redirect_uri?: string; [key: string]: unknown };
    session?: { accountId: string; uid: string };
    grantId?: string;
  }

  export interface InteractionResults {
    login?: { accountId: string };
    consent?: { grantId?: string };
    error?: string;
    error_description?: string;
  }

  export class Grant {
    constructor(properties: { accountId: string; clientId: string });
    static find(id: string): Promise<Grant | undefined>;
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    addResourceScope(resourceIndicator: string, scope: string): void;
    save(): Promise<string>;
  }

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    readonly Grant: typeof Grant;
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: InteractionResults, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
    on(event: "server_error", listener: (ctx: KoaContextWithOIDC, error: Error) => void): this;
  }
}
