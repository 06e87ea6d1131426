"use client";

import type { ReactNode, Ref } from "react";
import { get, useFormContext, useWatch } from "react-hook-form";
import type { ConnectorFormValues } from "@/lib/connectors/schema";
import { CheckboxField, RadioGroup, TextField } from "./controls";
import { KeyValueEditor } from "./key-value-editor";
import { MetadataFieldsEditor } from "./metadata-fields";
import { BODY_FORMAT_OPTIONS } from "./labels";
import { Card } from "@/components/ui/card";
import { FieldError } from "@/components/ui/form-field";

function RequestBlock({ legend, description, children }: { legend: string; description: ReactNode; children: ReactNode }) {
  return (
    <fieldset className="min-w-0 space-y-4 rounded-md border border-border p-4">
      <legend className="px-1 text-sm font-semibold text-foreground">{legend}</legend>
      <p className="text-xs text-muted-foreground">{description}</p>
      {children}
    </fieldset>
  );
}

/**
 * Vendor-specific extras, collapsed by default. Rows are validated by the shared schema
 * (SECURITY 15). The Auth request block only applies to Authorization Code; with Client
 * Credentials its rows stay stored but unused. API Key and Basic Auth connectors use only the
 * proxy settings; their OAuth settings are kept, hidden.
 */
export function AdvancedSection({ detailsRef }: { detailsRef: Ref<HTMLDetailsElement> }) {
  const { control, formState } = useFormContext<ConnectorFormValues>();
  const grantType = useWatch({ control, name: "grantType" });
  const oauth = (useWatch({ control, name: "credentialType" }) ?? "oauth2") === "oauth2";
  const authParams = useWatch({ control, name: "extras.auth.params" }) ?? [];
  const authCode = grantType === "authorization_code";
  const hiddenAuthError = !authCode && get(formState.errors, "extras.auth") !== undefined;

  return (
    <Card asChild padding="none" className="group">
      <details ref={detailsRef}>
        <summary className="cursor-pointer rounded-lg px-4 py-3 text-base font-semibold text-foreground focus-visible:outline-2 focus-visible:outline-ring">
          Advanced configuration
          <span className="ml-2 text-sm font-normal text-muted-foreground">
            Extra headers and parameters per request, token body format, token response, refresh token lifetimes, revocation, proxy paths
          </span>
        </summary>
        <div className="space-y-6 border-t border-border p-4">
          {oauth ? (
            <>
              {authCode ? (
                <RequestBlock legend="Auth request" description="Sent when an admin is redirected to the vendor to approve access.">
                  <KeyValueEditor request="auth" kind="params" help="Parameters only: this request is a browser redirect, which cannot carry extra headers." />
                </RequestBlock>
              ) : (
                <div className="space-y-1 rounded-md border border-dashed border-input p-4 text-sm text-muted-foreground">
                  <p className="font-semibold text-foreground">Auth request</p>
                  <p>
                    {grantType === "jwt_bearer"
                      ? "Not used with JWT Bearer, which has no browser sign-in."
                      : "Not used with Client Credentials, which has no browser sign-in."}
                    {authParams.length > 0 && ` Its ${authParams.length} stored parameter${authParams.length === 1 ? " is" : "s are"} kept but not sent.`}
                  </p>
                  {hiddenAuthError && (
                    <FieldError message="A kept Auth request parameter is not valid. Switch Grant Type to Authorization Code to correct or remove it." />
                  )}
                </div>
              )}
              <RequestBlock legend="Token request" description="Sent to the Access Token URL to get a token.">
                {grantType === "client_credentials" && (
                  <TextField
                    name="grantTypeValue"
                    label="Grant type value"
                    help="The grant_type Latchkey sends for Client Credentials. Keep client_credentials unless the vendor defines its own: Zoom uses account_credentials, with an account_id token parameter below."
                  />
                )}
                <KeyValueEditor request="token" kind="headers" />
                <KeyValueEditor request="token" kind="params" />
                <RadioGroup
                  name="tokenBodyFormat"
                  legend="Token request body format"
                  help="Form encoding is the OAuth 2.0 standard; choose JSON only for vendors that require it."
                  options={BODY_FORMAT_OPTIONS}
                />
              </RequestBlock>
              <RequestBlock legend="Refresh request" description="Sent to the Refresh Token URL (or the Access Token URL) to renew a token.">
                <KeyValueEditor request="refresh" kind="headers" />
                <KeyValueEditor request="refresh" kind="params" />
                <CheckboxField
                  name="refreshIncludesScope"
                  label="Send scope on refresh"
                  help="Some vendors, such as Microsoft, expect the scope again with every refresh."
                />
              </RequestBlock>
              <RequestBlock
                legend="Token response"
                description="What Latchkey reads from the vendor's token response, and what it keeps for sync jobs besides the token."
              >
                <TextField
                  name="accessTokenPath"
                  label="Access token location"
                  placeholder="authed_user"
                  help="Dotted path to the object holding access_token, for vendors that nest it: for example authed_user for a Slack user token. Leave empty when access_token is at the top level."
                />
                <MetadataFieldsEditor />
              </RequestBlock>
              <RequestBlock
                legend="Refresh token lifetime"
                description="Optional, from the vendor's documentation, in whole days (1 to 3650). Leave empty when the vendor does not say; an expiry the vendor states in its token response is used either way."
              >
                <div className="grid gap-4 sm:grid-cols-2">
                  <TextField
                    name="refreshTokenIdleDays"
                    label="Refresh token idle lifetime (days)"
                    inputMode="numeric"
                    help="Idle: the refresh token expires after this many days unused. Latchkey refreshes well before (at half of it)."
                  />
                  <TextField
                    name="refreshTokenMaxDays"
                    label="Refresh token maximum lifetime (days)"
                    inputMode="numeric"
                    help="Maximum: the refresh token expires this many days after authorization, whatever happens. Latchkey warns 7 days and 1 day before. Counts from the next authorization."
                  />
                </div>
              </RequestBlock>
              <TextField
                name="revocationUrl"
                type="url"
                label="Revocation URL"
                help="Optional. The vendor's RFC 7009 revocation endpoint; used by Disconnect to revoke tokens at the vendor."
              />
            </>
          ) : (
            <p className="rounded-md border border-dashed border-input p-4 text-sm text-muted-foreground">
              The request, token response, lifetime and revocation settings apply to OAuth 2.0 only: an API key or Basic Auth credential is not obtained from a
              token endpoint. Their values are kept.
            </p>
          )}
          <RequestBlock legend="Proxy paths" description="How the machine API proxy treats the paths workers send under the API Base URL.">
            <CheckboxField
              name="allowEncodedSlash"
              label="Allow encoded slashes (%2F) in proxy paths"
              help="For APIs that put a slash inside one path segment, such as GitLab's projects/group%2Fproject. Paths that would leave the API Base URL (%2F..%2F, double encoding) are still refused."
            />
          </RequestBlock>
        </div>
      </details>
    </Card>
  );
}
