"use client";

import { useState, type KeyboardEvent } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { discoverIssuerAction } from "@/lib/connector-admin/actions";
import type { IssuerDiscovery as Discovery } from "@/lib/connectors/discovery";
import type { ConnectorFormValues } from "@/lib/connectors/schema";
import type { MetadataKind } from "@/lib/oauth/discovery";
import { Button } from "@/components/ui/button";
import { CheckboxField, errorAt } from "./controls";
import { discoveryChanges, type DiscoveryChange } from "./discovery-changes";
import { PresetMark } from "./preset-marks";
import { FormField, Input } from "@/components/ui/form-field";
import { Alert } from "@/components/ui/alert";

const KIND_WORDS: Record<MetadataKind, string> = {
  "openid-configuration": "OpenID Connect Discovery",
  "oauth-authorization-server": "OAuth 2.0 Authorization Server (RFC 8414)",
};

type Outcome = { kind: "found"; discovery: Discovery; changes: DiscoveryChange[] } | { kind: "failed"; message: string };

/**
 * Issuer URL with Discover: reads the vendor's published metadata (lib/connectors/discovery.ts)
 * and fills the endpoint, PKCE, client authentication and `iss` settings, then lists what it
 * found and which fields it changed, so nothing is filled unseen. Every filled field stays
 * editable. Inside the form's fieldset, so a viewer sees it disabled.
 */
export function IssuerDiscovery() {
  const { register, formState, getValues, setValue, control } = useFormContext<ConnectorFormValues>();
  const issuerUrl = useWatch({ control, name: "issuerUrl" }) ?? "";
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const discover = async () => {
    setBusy(true);
    setOutcome(null);
    try {
      const result = await discoverIssuerAction({ issuerUrl: getValues("issuerUrl") ?? "" });
      if (!result.ok) {
        setOutcome({
          kind: "failed",
          message: result.fieldErrors?.issuerUrl?.[0] ?? result.formError ?? "Discovery failed. Check the Issuer URL and try again.",
        });
        return;
      }
      const changes = discoveryChanges(result.data.settings, getValues());
      for (const change of changes) {
        if (change.changed && change.value !== null) setValue(change.field, change.value, { shouldDirty: true, shouldValidate: true });
      }
      setOutcome({ kind: "found", discovery: result.data, changes });
    } catch {
      setOutcome({ kind: "failed", message: "Could not reach Latchkey. Nothing was changed; try again." });
    } finally {
      setBusy(false);
    }
  };

  // Enter in the Issuer URL discovers instead of saving the whole form.
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    if (!busy) void discover();
  };

  return (
    <div className="space-y-3">
      <FormField
        label="Issuer URL"
        badge={<PresetMark name="issuerUrl" />}
        help="Optional. The vendor's OAuth issuer, like https://accounts.google.com. Discover reads its published metadata and fills the endpoints and settings below. With an issuer set, a redirect naming another issuer (iss, RFC 9207) is refused."
        error={errorAt(formState.errors, "issuerUrl")}
      >
        {({ id, describedBy, invalid }) => (
          <div className="flex gap-2">
            <Input
              id={id}
              type="url"
              placeholder="https://login.vendor.example.com"
              autoComplete="off"
              spellCheck={false}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onKeyDown={onKeyDown}
              {...register("issuerUrl")}
            />
            <Button variant="secondary" onClick={() => void discover()} disabled={busy} className="shrink-0">
              {busy ? "Discovering…" : "Discover"}
            </Button>
          </div>
        )}
      </FormField>
      {outcome?.kind === "failed" && <Alert tone="destructive">{outcome.message}</Alert>}
      {outcome?.kind === "found" && <DiscoveryResult discovery={outcome.discovery} changes={outcome.changes} />}
      {issuerUrl.trim() !== "" && (
        <CheckboxField
          name="requireIss"
          label="Require iss on the redirect (RFC 9207)"
          help="Refuse a redirect back that does not name its issuer. Turn it on when the vendor advertises authorization_response_iss_parameter_supported (Discover does this). An iss that differs from the Issuer URL is always refused."
        />
      )}
    </div>
  );
}

function DiscoveryResult({ discovery, changes }: { discovery: Discovery; changes: DiscoveryChange[] }) {
  const changed = changes.filter((change) => change.changed).length;
  return (
    <Alert tone="success" aria-label="Discovery result">
      <p>
        Found {KIND_WORDS[discovery.kind]} metadata at <span className="break-all font-mono text-xs">{discovery.metadataUrl}</span>
        {discovery.passedOver && <span className="block text-xs text-success">First tried: {discovery.passedOver}</span>}
      </p>
      <ul className="list-disc space-y-1 pl-5">
        {changes.map((change) => (
          <li key={change.field}>
            <span className="break-all">{change.line}</span>
            <span className="block text-xs text-success">{change.reason}</span>
          </li>
        ))}
      </ul>
      <p className="text-xs">{changed ? `${changed} field${changed === 1 ? "" : "s"} changed. Review them, then Save.` : "Nothing needed changing."}</p>
    </Alert>
  );
}
