import type { Preset } from "../types";

export const webex: Preset = {
  id: "webex",
  name: "Webex",
  description: "People in a Webex organisation from the Webex REST API, through an Integration that an org admin authorizes.",
  docsUrl: "https://developer.webex.com/docs/integrations",
  version: 1,
  grantType: "authorization_code",
  grantNote: "Authorization Code with a Webex Integration; an org admin must authorize it for the spark-admin scopes.",
  authUrl: "https://webexapis.com/v1/authorize",
  tokenUrl: "https://webexapis.com/v1/access_token",
  apiBaseUrl: "https://webexapis.com/v1",
  clientAuth: "body",
  usePkce: false,
  scopeSeparator: " ",
  scopes: [
    { value: "spark-admin:people_read", meaning: "Read every person in the organisation (needs an admin to authorize).", recommended: true },
    { value: "spark:people_read", meaning: "Read people as the authorizing user sees them.", recommended: false },
  ],
  variables: [],
  quirks: [
    "Register the Integration under My Webex Apps; its client secret is shown only once.",
    "Reading other people needs a token from an admin with spark-admin:people_read.",
  ],
  unverified: [
    "No revocation endpoint was confirmed, so the preset leaves Revocation URL empty.",
    "PKCE support was not confirmed, so PKCE is off.",
    "The Auth and Access Token URLs come from Nango and a third-party guide, not from a Webex page read.",
    "Token lifetimes were not confirmed (a third-party guide says 6 to 12 hours and 60 days, which conflicts with other figures), so no refresh-token lifetime is filled.",
    "Service apps and machine accounts were not researched.",
  ],
  sources: [
    { title: "Webex: Integrations", url: "https://developer.webex.com/docs/integrations" },
    { title: "Webex Meetings: Authentication", url: "https://developer.webex.com/meeting/docs/authentication" },
    {
      title: "Cisco Webex Meetings connector: access and refresh tokens (third party)",
      url: "https://wfoonlinelibrary-wfoonlinedev.azurewebsites.net/V15_2/CiscoWebexMeeting/intg_CWM_CXApp_GetAccessRefreshTokens.htm",
    },
    { title: "Webex iOS SDK: authorization", url: "https://developer.webex.com/docs/sdks/ios-messaging-sdk-authorization" },
    {
      title: "Nango providers.yaml (third party)",
      url: "https://github.com/NangoHQ/nango/blob/2f4c0af671e2ca1c43dd4e78f3c369218bf3fc87/packages/providers/providers.yaml",
    },
  ],
};
