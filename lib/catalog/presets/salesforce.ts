import type { Preset } from "../types";

export const salesforce: Preset = {
  id: "salesforce",
  name: "Salesforce",
  description: "Salesforce data through the REST API of the org that authorized, addressed by the instance_url Salesforce returns with the token.",
  docsUrl: "https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_web_server_flow_ca.htm",
  version: 1,
  grantType: "authorization_code",
  grantNote:
    "Authorization Code (Salesforce's web server flow) with PKCE and the refresh_token scope. Client Credentials also works when you create an External Client App with Enable Client Credentials Flow and a Run As integration user; use your My Domain host for it, and expect no refresh token.",
  authUrl: "https://login.salesforce.com/services/oauth2/authorize",
  tokenUrl: "https://login.salesforce.com/services/oauth2/token",
  revocationUrl: "https://login.salesforce.com/services/oauth2/revoke",
  apiBaseUrl: "{instance_url}/services/data/v61.0",
  clientAuth: "body",
  usePkce: true,
  scopeSeparator: " ",
  scopes: [
    { value: "api", meaning: "Call the REST API as the user who authorized.", recommended: true },
    { value: "refresh_token", meaning: "Get a refresh token, so access continues without a new sign-in.", recommended: true },
  ],
  variables: [],
  metadata: [
    { source: "token", name: "instance_url", meaning: "The org's API host; every API call goes there." },
    { source: "token", name: "id", meaning: "The identity URL of the user who authorized." },
  ],
  quirks: [
    "The token response has no expires_in: the access token lasts as long as the org's session timeout, so Latchkey learns of its expiry from a 401.",
    "Use the org's My Domain host (acme.my.salesforce.com) in place of login.salesforce.com if your org requires it, or test.salesforce.com for a sandbox, and then enter that host as Issuer URL and click Discover if you want the redirect's iss checked.",
    "New connected apps are restricted since Spring '26: create an External Client App instead.",
    "Client Credentials returns no refresh token and needs a Run As integration user on the External Client App.",
    "The username-password flow is being deprecated; do not use it.",
  ],
  unverified: [
    "Whether the token endpoint accepts an HTTP Basic header was not confirmed (the vendor's sentence is cut off), so the preset sends the credentials in the body as all Salesforce examples do.",
    "The revocation URL, and that revoking a refresh token also revokes the access tokens issued from it, come only from third-party sources.",
  ],
  sources: [
    { title: "Salesforce: OAuth 2.0 web server flow", url: "https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_web_server_flow_ca.htm" },
    {
      title: "Salesforce: OAuth 2.0 client credentials flow",
      url: "https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_client_credentials_flow.htm",
    },
    {
      title: "Salesforce: client credentials sample request and response",
      url: "https://help.salesforce.com/apex/HTViewHelpDoc?id=service.conversation_transcript_api_sample1.htm",
    },
    { title: "Nango issue 327: Salesforce token response without expires_in (third party)", url: "https://github.com/NangoHQ/nango/issues/327" },
    {
      title: "Force.com Toolkit issue 110: session-timeout-based expiry (third party)",
      url: "https://github.com/wadewegner/Force.com-Toolkit-for-NET/issues/110",
    },
    { title: "CData: Salesforce OAuth scopes (third party)", url: "https://cdn.cdata.com/help/RFM/tableau/pg_sp-getoauthaccesstoken.htm" },
    {
      title: "Nango providers.yaml (third party)",
      url: "https://github.com/NangoHQ/nango/blob/2f4c0af671e2ca1c43dd4e78f3c369218bf3fc87/packages/providers/providers.yaml",
    },
    { title: "sim PR 6508: My Domain and login hosts after Spring '26 (third party)", url: "https://github.com/simstudioai/sim/pull/6508" },
  ],
};
