/**
 * The shape of a vendor preset: data, not code. A preset pre-fills the connector form; every
 * value it fills stays visible and editable. Pure types, usable in the browser and the server.
 *
 * Template variables are written `{name}` in URLs and in extra parameter/header values and are
 * filled from the admin's answers (template.ts). `{name}` in the API Base URL may also name a
 * kept connection-metadata field (`{instance_url}/services/data/v61.0`), filled at request time.
 */

export interface PresetKeyValue {
  name: string;
  value: string;
}

export interface PresetExtras {
  headers?: PresetKeyValue[];
  params?: PresetKeyValue[];
}

/** A value the admin must supply before the URLs work: a tenant, a subdomain, an account id. */
export interface PresetVariable {
  /** As written between braces in the templates: lower_snake_case. */
  name: string;
  /** The vendor's own wording, shown as the field label: "Tenant", "Okta domain", "Account ID". */
  label: string;
  /** One sentence: where the admin finds the value. */
  help: string;
  /** A realistic sample, used as the input placeholder and by the preset quality test. */
  example: string;
}

export interface PresetScope {
  value: string;
  /** One line: what the scope lets the sync job read. */
  meaning: string;
  /** Pre-selected when the preset is chosen. */
  recommended: boolean;
  /** True when only third-party sources name the scope (shown as "not confirmed by the vendor"). */
  unconfirmed?: boolean;
}

/** A token-response field or redirect parameter the sync job needs (Salesforce `instance_url`, QuickBooks `realmId`). */
export interface PresetMetadataField {
  source: "token" | "redirect";
  /** Field name; dotted for nested token-response fields (`team.id`). */
  name: string;
  /** Not a secret, but kept from viewers. */
  sensitive?: boolean;
  /** One line: what it is. */
  meaning: string;
}

export interface PresetSource {
  title: string;
  url: string;
}

export interface Preset {
  /** Stable slug, stored on connectors made from it: never reuse or rename. */
  id: string;
  /** As the vendor calls itself: "Microsoft Entra ID", "Google Workspace", "GitHub". */
  name: string;
  /** One or two sentences: what a connector made from this preset syncs and how. */
  description: string;
  docsUrl: string;
  /**
   * Bumped whenever a value that fills the form changes. A connector remembers the version it was
   * made from; the connector page offers "Compare with the current preset" when it is older.
   */
  version: number;
  /** OAuth 2.0 (default), or a static credential for vendors without OAuth (Kandji: API Key, Freshservice: Basic Auth). */
  credentialType?: "oauth2" | "api_key" | "basic";
  grantType: "authorization_code" | "client_credentials" | "jwt_bearer";
  /** The client-credentials grant's grant_type when the vendor has its own (Zoom: "account_credentials"). */
  grantTypeValue?: string;
  /** JWT Bearer: scopes as a claim in the assertion (Google) or as the scope parameter (default). */
  jwtScopeIn?: "param" | "claim";
  /** Where the token or key goes on API calls; default a header with the "Bearer" prefix. */
  authPlacement?: "header" | "query";
  headerPrefix?: string;
  queryParamName?: string;
  /** API Key connectors: the header the key goes in (default Authorization). */
  apiKeyHeader?: string;
  /** Plain words on the grant choice, alternatives included. */
  grantNote?: string;
  /** OIDC / RFC 8414 issuer, when the vendor publishes discovery metadata. May hold variables. */
  issuerUrl?: string;
  authUrl?: string;
  /** Required for OAuth 2.0 presets; an API Key or Basic Auth preset has none. */
  tokenUrl?: string;
  refreshUrl?: string;
  revocationUrl?: string;
  apiBaseUrl?: string;
  clientAuth: "basic" | "body" | "private_key_jwt";
  usePkce: boolean;
  scopeSeparator: " " | ",";
  scopes: PresetScope[];
  /** Send `scope` on refresh requests too (Microsoft Entra). */
  refreshIncludesScope?: boolean;
  tokenBodyFormat?: "form" | "json";
  extras?: { auth?: PresetExtras; token?: PresetExtras; refresh?: PresetExtras };
  variables: PresetVariable[];
  /** Dotted path to the object holding the access token when the vendor nests it (Slack user token: "authed_user"). */
  accessTokenPath?: string;
  metadata?: PresetMetadataField[];
  refreshTokenIdleDays?: number;
  refreshTokenMaxDays?: number;
  /** What the admin should know, in plain words: one sentence each. */
  quirks: string[];
  /**
   * Values the research could not confirm from a vendor source. The preset still fills a
   * candidate where one exists, but the form says plainly that it is unconfirmed.
   */
  unverified: string[];
  /**
   * What the vendor needs that Latchkey does not do yet (Okta service apps: private_key_jwt), in
   * plain words. Absent when the preset works as filled.
   */
  unsupported?: string;
  sources: PresetSource[];
}
