import type { Preset } from "../types";

export const quickbooksOnline: Preset = {
  id: "quickbooks-online",
  name: "QuickBooks Online",
  description: "Accounting data of one QuickBooks Online company, addressed by the realmId Intuit returns on the redirect.",
  docsUrl: "https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/faq",
  version: 1,
  grantType: "authorization_code",
  grantNote: "Authorization Code; Intuit has no Client Credentials grant for company data.",
  authUrl: "https://appcenter.intuit.com/connect/oauth2",
  tokenUrl: "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer",
  apiBaseUrl: "https://quickbooks.api.intuit.com/v3/company/{realmId}",
  clientAuth: "basic",
  usePkce: false,
  scopeSeparator: " ",
  scopes: [{ value: "com.intuit.quickbooks.accounting", meaning: "Read and write the company's accounting data.", recommended: true }],
  variables: [],
  metadata: [{ source: "redirect", name: "realmId", meaning: "The company ID; every API path contains it." }],
  refreshTokenIdleDays: 100,
  quirks: [
    "realmId arrives on the redirect, not in the token response, so the preset keeps it from the redirect.",
    "Access tokens last 1 hour and refresh tokens 100 days.",
    "For a sandbox company, change the API Base URL host to sandbox-quickbooks.api.intuit.com.",
    "Intuit's revocation endpoint takes a JSON body while its token endpoint takes a form, so the preset leaves Revocation URL empty.",
    "Intuit publishes its endpoints in a discovery document at a non-standard path, so Discover does not find it.",
  ],
  unverified: [
    "PKCE support was not confirmed, so PKCE is off.",
    "The Auth and Access Token URLs come only from Nango and public code; Intuit's discovery document was not fetched.",
    "That the refresh-token value can change on refresh comes only from a third-party source; Latchkey stores whichever one comes back.",
    "The sources give refresh tokens 100 days without saying whether the count restarts at each refresh; the preset treats it as an idle limit.",
  ],
  sources: [
    {
      title: "Intuit: Authentication and authorization FAQ",
      url: "https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/faq",
    },
    { title: "Intuit OAuth2 .NET sample: Tokens", url: "https://github.com/IntuitDeveloper/OAuth2-Dotnet_UsingSDK/blob/master/docs/help/Tokens.md" },
    {
      title: "Intuit OAuth Python client: utils.py",
      url: "https://github.com/intuit/oauth-pythonclient/blob/2233ee5fe417d7534bc7b05681831a344115ea46/intuitlib/utils.py",
    },
    { title: "Intuit OAuth Python client: user guide", url: "https://oauth-pythonclient.readthedocs.io/en/latest/user-guide.html" },
    { title: "QuickBooks V3 PHP SDK: authorization", url: "https://intuit.github.io/QuickBooks-V3-PHP-SDK/_sources/authorization.rst.txt" },
    {
      title: "Nango providers.yaml (third party)",
      url: "https://github.com/NangoHQ/nango/blob/2f4c0af671e2ca1c43dd4e78f3c369218bf3fc87/packages/providers/providers.yaml",
    },
    {
      title: "Devart: QuickBooks RefreshToken (third party)",
      url: "https://docs.devart.com/dotconnect/QuickBooks/Devart.Data.QuickBooks~Devart.Data.QuickBooks.QuickBooksConnectionStringBuilder~RefreshToken.html",
    },
  ],
};
