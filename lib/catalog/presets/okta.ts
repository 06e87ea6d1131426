import type { Preset } from "../types";

export const okta: Preset = {
  id: "okta",
  name: "Okta",
  description: "Users and groups from the Okta Management API, through OAuth for Okta on the org authorization server.",
  docsUrl: "https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/main/",
  version: 2,
  grantType: "client_credentials",
  grantNote:
    "Okta's recommended setup is an API Services app with Client Credentials, which must authenticate with Signed JWT (private_key_jwt): save the connector, Generate key pair, and register the public key or the connector's JWKS URL on the app. The alternative is an OIDC Web app with a client secret: switch Grant type to Authorization Code, Client Authentication to Basic and select offline_access; an Okta admin authorizes once and the tokens act with that admin's rights.",
  issuerUrl: "https://{okta_domain}",
  authUrl: "https://{okta_domain}/oauth2/v1/authorize",
  tokenUrl: "https://{okta_domain}/oauth2/v1/token",
  revocationUrl: "https://{okta_domain}/oauth2/v1/revoke",
  apiBaseUrl: "https://{okta_domain}/api/v1",
  clientAuth: "private_key_jwt",
  usePkce: true,
  scopeSeparator: " ",
  scopes: [
    { value: "okta.users.read", meaning: "Read users and their profiles.", recommended: true },
    { value: "okta.groups.read", meaning: "Read groups and group memberships.", recommended: true },
    { value: "okta.devices.read", meaning: "Read devices registered with Okta.", recommended: false },
    { value: "okta.apps.read", meaning: "Read app integrations and their assignments.", recommended: false },
    { value: "offline_access", meaning: "Only for the Authorization Code alternative: a refresh token.", recommended: false },
  ],
  variables: [
    {
      name: "okta_domain",
      label: "Okta domain",
      help: "Your org's Okta host name, shown in the Admin Console's top-right menu, without https://.",
      example: "dev-123456.okta.com",
    },
  ],
  quirks: [
    "On the API Services app, set Client authentication to Public key / Private key, then add the public JWK that Generate key pair shows, or choose to fetch keys from a URL and give the connector's JWKS URL, which must be reachable from Okta.",
    "When you paste a key pair made elsewhere instead, enter the Key ID (kid) Okta shows for it.",
    "Grant each okta.* scope to the app on its Okta API Scopes tab (only a Super Admin can), and assign the app an admin role: the role limits what the scopes reach.",
    "The URLs use the org authorization server (/oauth2/v1); a custom authorization server cannot issue okta.* scopes.",
    "For the Authorization Code alternative, add offline_access to get a refresh token and enable the Refresh Token grant on the app.",
    "Rate-limit responses say when to retry in the x-rate-limit-reset header.",
  ],
  unverified: [
    "Whether the Refresh Token grant must be enabled on an Authorization Code app to get a refresh token was not confirmed from an Okta page.",
    "Whether Okta's revocation endpoint accepts private_key_jwt client authentication was not confirmed.",
    "The exact claims Okta expects in the private_key_jwt client assertion were not checked; Latchkey sends the standard ones (issuer and subject the Client ID, audience the Access Token URL, a 60-second expiry, a unique jti).",
  ],
  sources: [
    { title: "Okta: Implement OAuth for Okta with a service app", url: "https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/main/" },
    { title: "Okta: Client authentication methods", url: "https://developer.okta.com/docs/api/openapi/okta-oauth/guides/client-auth" },
    {
      title: "Nango providers.yaml (third party)",
      url: "https://github.com/NangoHQ/nango/blob/2f4c0af671e2ca1c43dd4e78f3c369218bf3fc87/packages/providers/providers.yaml",
    },
  ],
};
