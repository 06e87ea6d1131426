"use client";

import { useFormContext, useWatch } from "react-hook-form";
import type { ConnectorFormValues } from "@/lib/connectors/schema";
import { ClientSecretField } from "./client-secret-field";
import { CheckboxField, RadioGroup, TextField } from "./controls";
import { IssuerDiscovery } from "./issuer-discovery";
import { CLIENT_AUTH_OPTIONS, GRANT_TYPE_OPTIONS, PLACEMENT_OPTIONS } from "./labels";
import { RedirectUriField } from "./redirect-uri-field";
import { ScopeField } from "./scope-field";

export interface SecretState {
  secretSet: boolean;
  replacing: boolean;
  onReplacingChange: (replacing: boolean) => void;
  /** A vendor URL moved to another origin: the stored secret may not go there, so it must be entered again. */
  secretAgain: boolean;
}

/**
 * The mission's field table, in its order. Fields that do not apply to the current choices are
 * hidden but keep their values. Two fieldsets, so that in read-only mode the Redirect URI's Copy
 * button between them stays usable.
 */
export function CredentialFields({ readOnly, redirectUri, secret }: { readOnly: boolean; redirectUri: string; secret: SecretState }) {
  const { control } = useFormContext<ConnectorFormValues>();
  const placement = useWatch({ control, name: "authPlacement" });
  const grantType = useWatch({ control, name: "grantType" });
  const refreshUrl = useWatch({ control, name: "refreshUrl" }) ?? "";
  const authCode = grantType === "authorization_code";

  return (
    <div className="space-y-5 rounded-lg border border-slate-200 bg-white p-6">
      <fieldset disabled={readOnly} className="min-w-0 space-y-5">
        <TextField name="name" label="Name" required help="Unique. How this connector appears in the list, on the dashboard and in the history." />
        <RadioGroup name="authPlacement" legend="Add auth data to" help="Where the access token goes when sync jobs call the vendor's API." options={PLACEMENT_OPTIONS} />
        {placement === "query" && (
          <TextField name="queryParamName" label="Query Parameter Name" required help="The URL parameter that carries the token. Most vendors that accept this use access_token." />
        )}
        {placement === "header" && (
          <TextField name="headerPrefix" label="Header Prefix" help="Written before the token in the Authorization header, usually Bearer. Leave it empty to send the token alone." />
        )}
        <RadioGroup
          name="grantType"
          legend="Grant Type"
          help="Authorization Code: an admin approves access once at the vendor. Client Credentials: Latchkey signs in as the app itself, with no person involved."
          options={GRANT_TYPE_OPTIONS}
        />
        <IssuerDiscovery />
        {authCode && <TextField name="authUrl" type="url" label="Auth URL" required help="The vendor's authorization endpoint, where an admin is sent to approve access." />}
        <TextField name="tokenUrl" type="url" label="Access Token URL" required help="The vendor's token endpoint, where Latchkey gets tokens." />
        <TextField name="clientId" label="Client ID" required help="Issued by the vendor when you registered the app in its developer console." />
        <ClientSecretField {...secret} required={!authCode || secret.secretAgain} />
        <ScopeField />
        <RadioGroup
          name="clientAuth"
          legend="Client Authentication"
          help="How Latchkey proves the app's identity to the token endpoint: one way, never both. Basic Auth is the OAuth 2.0 default."
          options={CLIENT_AUTH_OPTIONS}
        />
        <TextField
          name="refreshUrl"
          type="url"
          label="Refresh Token URL"
          help={refreshUrl.trim() === "" ? "Optional. Empty, so tokens are refreshed at the Access Token URL." : "Optional. Tokens are refreshed here instead of at the Access Token URL."}
        />
        <TextField name="apiBaseUrl" type="url" label="API Base URL" help="Optional. The root of the vendor's API that sync jobs call, for example https://api.vendor.example.com/v2." />
      </fieldset>
      <RedirectUriField redirectUri={redirectUri} used={authCode} />
      {authCode && (
        <fieldset disabled={readOnly} className="min-w-0">
          <CheckboxField name="usePkce" label="Use PKCE" help="Adds a one-time S256 code challenge to each authorization (RFC 7636). Turn it off only for a vendor that rejects it." />
        </fieldset>
      )}
    </div>
  );
}
