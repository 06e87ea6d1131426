"use client";

import { useId, useState, type ChangeEvent } from "react";
import { useFormContext } from "react-hook-form";
import { parseGoogleServiceAccountKey } from "@/lib/connectors/google-service-account";
import type { ConnectorFormValues } from "@/lib/connectors/schema";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/form-field";
import { Alert } from "@/components/ui/alert";

type Outcome = { kind: "filled"; clientEmail: string } | { kind: "refused"; message: string };

/**
 * Reads a Google service-account JSON key in the browser and fills the JWT Bearer fields from it
 * (lib/connectors/google-service-account.ts). The JSON itself is not part of the form and is
 * cleared once used: only the private key travels, in the form submission, and is sealed there.
 */
export function GoogleKeyPaste() {
  const { setValue } = useFormContext<ConnectorFormValues>();
  const id = useId();
  const [text, setText] = useState("");
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const use = () => {
    const result = parseGoogleServiceAccountKey(text);
    if (!result.ok) return setOutcome({ kind: "refused", message: result.message });
    for (const [field, value] of Object.entries(result.values) as [keyof typeof result.values, string][]) {
      setValue(field, value, { shouldDirty: true, shouldValidate: true });
    }
    setText("");
    setOutcome({ kind: "filled", clientEmail: result.clientEmail });
  };

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    if (file.size > 64 * 1024) return setOutcome({ kind: "refused", message: "This file is too large to be a service account key." });
    setText(await file.text());
    setOutcome(null);
  };

  return (
    <details className="rounded-md border border-border">
      <summary className="cursor-pointer rounded-md px-3 py-2 text-sm font-medium text-foreground focus-visible:outline-2 focus-visible:outline-ring">
        Paste a Google service account key
      </summary>
      <div className="space-y-2 border-t border-border p-3">
        <label htmlFor={`${id}-json`} className="block text-sm font-medium text-foreground">
          Service account key (JSON)
        </label>
        <Textarea
          id={`${id}-json`}
          rows={5}
          value={text}
          onChange={(event) => setText(event.target.value)}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}-help`}
          className="font-mono text-xs"
          placeholder='{ "type": "service_account", … }'
        />
        <p id={`${id}-help`} className="text-xs text-muted-foreground">
          The JSON key file from Google Cloud (IAM &amp; Admin › Service accounts › Keys). It is read here, in your browser: Use this key fills Private Key, Key
          ID, JWT Issuer and Access Token URL from it, and the key is sent only when you save, like the Client Secret.
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <Button variant="secondary" onClick={use} disabled={text.trim() === ""}>
            Use this key
          </Button>
          <label className="text-sm text-muted-foreground">
            <span className="mr-2">Or read the key file:</span>
            <input type="file" accept="application/json,.json" onChange={(event) => void readFile(event)} className="text-sm" />
          </label>
        </div>
        {outcome?.kind === "refused" && <Alert tone="destructive">{outcome.message}</Alert>}
        {outcome?.kind === "filled" && (
          <Alert tone="success">Filled from the key of {outcome.clientEmail}. Add the scopes, and the JWT Subject for domain-wide delegation, then Save.</Alert>
        )}
      </div>
    </details>
  );
}
