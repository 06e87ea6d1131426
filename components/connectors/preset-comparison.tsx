"use client";

import { useState } from "react";
import { useFormContext, type Path } from "react-hook-form";
import type { Preset } from "@/lib/catalog";
import type { ConnectorFormValues } from "@/lib/connectors/schema";
import { presetDifferences, presetFilledValues, type PresetFilledValues } from "@/lib/connectors/preset-values";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";

const FIELD_LABELS: Record<string, string> = {
  credentialType: "Credential Type",
  authPlacement: "Add auth data to",
  headerPrefix: "Header Prefix",
  queryParamName: "Query Parameter Name",
  apiKeyHeader: "Header Name",
  grantType: "Grant Type",
  grantTypeValue: "Grant type value",
  jwtScopeIn: "Scopes in the JWT",
  issuerUrl: "Issuer URL",
  authUrl: "Auth URL",
  tokenUrl: "Access Token URL",
  refreshUrl: "Refresh Token URL",
  revocationUrl: "Revocation URL",
  apiBaseUrl: "API Base URL",
  clientAuth: "Client Authentication",
  usePkce: "Use PKCE",
  scopeSeparator: "Scope separator",
  scopes: "Scope",
  refreshIncludesScope: "Send scope on refresh",
  tokenBodyFormat: "Token request body format",
  extras: "Extra headers and parameters",
  accessTokenPath: "Access token location",
  metadataFields: "Connection metadata",
  refreshTokenIdleDays: "Refresh token idle lifetime (days)",
  refreshTokenMaxDays: "Refresh token maximum lifetime (days)",
};

function shown(value: unknown): string {
  if (value === "" || value === null || value === undefined) return "(empty)";
  if (Array.isArray(value)) return value.length ? value.map((item) => (typeof item === "string" ? item : JSON.stringify(item))).join(" ") : "(none)";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * "Compare with the current preset": the catalog's preset changed since this connector was made
 * from it. Lists each difference between the form and the current preset (filled with this
 * connector's variables); "Use the current preset's values" copies them into the form, to be
 * reviewed and saved like any edit.
 */
export function PresetComparison({
  preset,
  savedVersion,
  onApplied,
}: {
  preset: Preset;
  savedVersion: number;
  onApplied: (filled: PresetFilledValues) => void;
}) {
  const { getValues, setValue } = useFormContext<ConnectorFormValues>();
  const [open, setOpen] = useState(false);
  const [applied, setApplied] = useState(false);
  const differences = open ? presetDifferences(getValues(), preset, getValues("presetVariables") ?? {}) : [];

  const useCurrent = () => {
    const filled = presetFilledValues(preset, getValues("presetVariables") ?? {});
    for (const { field } of differences) setValue(field as Path<ConnectorFormValues>, filled[field] as never, { shouldDirty: true });
    setValue("presetVersion", preset.version, { shouldDirty: true });
    onApplied(filled);
    setApplied(true);
  };

  return (
    <Alert tone="info" role="note">
      <p>
        The catalog now has version {preset.version} of this preset; this connector was made from version {savedVersion}.
      </p>
      <Button variant="secondary" onClick={() => setOpen((value) => !value)} aria-expanded={open}>
        Compare with the current preset
      </Button>
      {open && (
        <div className="space-y-2">
          {differences.length === 0 ? (
            <p>No differences: this connector already has the current preset&apos;s values.</p>
          ) : (
            <table className="w-full text-left text-xs">
              <caption className="sr-only">Differences from the current preset</caption>
              <thead>
                <tr>
                  <th scope="col" className="py-1 pr-2">
                    Field
                  </th>
                  <th scope="col" className="py-1 pr-2">
                    This connector
                  </th>
                  <th scope="col" className="py-1">
                    Current preset
                  </th>
                </tr>
              </thead>
              <tbody>
                {differences.map((difference) => (
                  <tr key={difference.field} className="border-t border-info-border align-top">
                    <th scope="row" className="py-1 pr-2 font-medium">
                      {FIELD_LABELS[difference.field] ?? difference.field}
                    </th>
                    <td className="break-all py-1 pr-2">{shown(difference.saved)}</td>
                    <td className="break-all py-1">{shown(difference.preset)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {differences.length > 0 && !applied && <Button onClick={useCurrent}>Use the current preset&apos;s values</Button>}
          {applied && <p role="status">Copied into the form. Review them and click Save.</p>}
        </div>
      )}
    </Alert>
  );
}
