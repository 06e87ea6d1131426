import type { Preset } from "../types";

export const docusign: Preset = {
  id: "docusign",
  name: "Docusign",
  description: "Users of a Docusign organisation and account from the Admin and eSignature APIs, with the consent of a Docusign admin.",
  docsUrl: "https://developers.docusign.com/platform/auth/authcode",
  version: 2,
  grantType: "authorization_code",
  jwtScopeIn: "claim",
  grantNote:
    "Authorization Code (confidential). Docusign's non-interactive alternative is the JWT Grant: switch Grant type to JWT Bearer, paste the integration key's RSA private key, set JWT Issuer to the integration key, JWT Subject to the user ID to act as and JWT Audience to the authentication server without https://, and add the impersonation scope; that user consents once. Docusign's Client Credentials Grant is only for extension apps and cannot call Docusign APIs.",
  authUrl: "https://{auth_server}/oauth/auth",
  tokenUrl: "https://{auth_server}/oauth/token",
  clientAuth: "basic",
  usePkce: false,
  scopeSeparator: " ",
  scopes: [
    { value: "signature", meaning: "Call the eSignature REST API.", recommended: true },
    { value: "organization_read", meaning: "Read the organisation through the Admin API.", recommended: true, unconfirmed: true },
    { value: "user_read", meaning: "Read the organisation's users through the Admin API.", recommended: true, unconfirmed: true },
    { value: "account_read", meaning: "Read the organisation's accounts through the Admin API.", recommended: false, unconfirmed: true },
  ],
  variables: [
    {
      name: "auth_server",
      label: "Authentication server",
      help: "account.docusign.com for production, or account-d.docusign.com for the developer (demo) environment.",
      example: "account-d.docusign.com",
    },
  ],
  quirks: [
    "Authorization codes are valid for only 2 minutes.",
    "Each refresh returns a new access token and a new refresh token, which Latchkey stores.",
    "Admin API scopes need their own consent from an organisation admin.",
    "Each Docusign account has its own API host (base URI), so the preset leaves API Base URL empty.",
  ],
  unverified: [
    "No revocation endpoint was confirmed, so the preset leaves Revocation URL empty.",
    "PKCE support was not confirmed, also for the Public Authorization Code Grant, so PKCE is off.",
    "The production Authentication server account.docusign.com comes only from Nango; the developer host account-d.docusign.com comes from a translated Docusign how-to.",
    "Finding the account's base URI through the userinfo endpoint was not confirmed in the sources read.",
    "The extended scope and the refresh-token lifetime were not checked, so no lifetime is filled.",
    "For the JWT Grant, the audience being the bare host name and the scopes travelling as a claim in the assertion were not confirmed from a Docusign page in this research.",
    "The Admin API scope names come only from third-party code.",
  ],
  sources: [
    { title: "Docusign: Obtain the access token", url: "https://developers.docusign.com/platform/auth/reference/obtain-access-token" },
    { title: "Docusign: Authorization Code Grant", url: "https://developers.docusign.com/platform/auth/authcode" },
    { title: "Translated Docusign how-to (third party)", url: "https://cloud.tencent.com/developer/article/2378134" },
    {
      title: "Docusign: Extension app authorization",
      url: "https://developers.docusign.com/extension-apps/build-an-extension-app/it-infrastructure/authorization/",
    },
    {
      title: "Nango providers.yaml (third party)",
      url: "https://github.com/NangoHQ/nango/blob/2f4c0af671e2ca1c43dd4e78f3c369218bf3fc87/packages/providers/providers.yaml",
    },
  ],
};
