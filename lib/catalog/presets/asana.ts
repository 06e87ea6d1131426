import type { Preset } from "../types";

export const asana: Preset = {
  id: "asana",
  name: "Asana",
  description: "Workspaces, users and projects from the Asana API, with the consent of the user who authorizes.",
  docsUrl: "https://developers.asana.com/docs/oauth",
  version: 1,
  grantType: "authorization_code",
  grantNote: "Authorization Code; Asana has no Client Credentials grant.",
  authUrl: "https://app.asana.com/-/oauth_authorize",
  tokenUrl: "https://app.asana.com/-/oauth_token",
  revocationUrl: "https://app.asana.com/-/oauth_revoke",
  apiBaseUrl: "https://app.asana.com/api/1.0",
  clientAuth: "body",
  usePkce: false,
  scopeSeparator: " ",
  scopes: [{ value: "default", meaning: "Full permissions, for apps set to Full permissions in the developer console.", recommended: true }],
  variables: [],
  quirks: [
    "An app set to Full permissions must request the scope default, while an app set to granular scopes must request specific scopes instead; the wrong kind fails.",
    "Granular scopes do not yet cover every endpoint.",
    "Set the app's distribution to Any workspace, or authorization fails with a client_id error.",
  ],
  unverified: [
    "PKCE support was not confirmed, so PKCE is off.",
    "Client authentication in the body follows Nango's default; Asana's docs were not checked on this point.",
    "Token lifetime and refresh-token rotation were not checked.",
    "Granular scope names were not checked, and the two permission modes and the distribution setting come from third-party sources.",
  ],
  sources: [
    { title: "Asana: OAuth", url: "https://developers.asana.com/docs/oauth" },
    { title: "Unified.to: Asana OAuth app (third party)", url: "https://docs.unified.to/skills/asana-oauth-app/SKILL.md" },
    {
      title: "Nango: register an Asana OAuth app (third party)",
      url: "https://nango.dev/docs/api-integrations/asana/how-to-register-your-own-asana-api-oauth-app",
    },
    {
      title: "Nango providers.yaml (third party)",
      url: "https://github.com/NangoHQ/nango/blob/2f4c0af671e2ca1c43dd4e78f3c369218bf3fc87/packages/providers/providers.yaml",
    },
  ],
};
