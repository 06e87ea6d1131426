"use client";

import { useRouter } from "next/navigation";
import { connectorPath } from "@/lib/connectors/paths";
import { useId, useState, type FormEvent } from "react";
import { importRefreshTokenAction } from "@/lib/tokens/actions";
import { importRefreshTokenSchema } from "@/lib/tokens/import-refresh-token-schema";
import { Button } from "@/components/ui/button";
import { FormError, FormField, Input } from "@/components/ui/form-field";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";

type Refusal = { code: string; message: string; vendorError: string | null; description: string | null; advice: string | null };

/** The vendor's classified answer to a refused import. Its text was redacted on the server. */
function RefusedImport({ refusal }: { refusal: Refusal }) {
  return (
    <Alert tone="destructive">
      <p className="font-medium">
        The vendor refused the refresh token. Nothing was stored.
        <Badge tone="danger" outline className="ml-2 font-mono">
          {refusal.code}
        </Badge>
      </p>
      <p>{refusal.message}</p>
      {refusal.vendorError && (
        <p>
          Vendor said: <code>{refusal.vendorError}</code>
          {refusal.description ? ` — ${refusal.description}` : ""}
        </p>
      )}
      {refusal.advice && <p className="font-medium">{refusal.advice}</p>}
    </Alert>
  );
}

/**
 * Import a refresh token instead of Authorize (Workday, or any vendor whose console issues one).
 * The input exists only while the disclosure is open, and is cleared once sent: the token goes to
 * the server in the action call only, is redeemed there at once and stored sealed if it works.
 */
export function ImportRefreshToken({ connectorId }: { connectorId: string }) {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState("");
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const close = () => {
    setOpen(false);
    setValue("");
    setFieldError(undefined);
    setFormError(null);
    setRefusal(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    setRefusal(null);
    const checked = importRefreshTokenSchema.safeParse({ id: connectorId, refreshToken: value });
    if (!checked.success) return setFieldError(checked.error.issues.find((issue) => issue.path[0] === "refreshToken")?.message ?? "Paste the refresh token");
    setFieldError(undefined);
    setBusy(true);
    try {
      const result = await importRefreshTokenAction(checked.data);
      setValue("");
      if (!result.ok) return setFormError(result.fieldErrors?.refreshToken?.[0] ?? result.formError ?? "Could not import the refresh token.");
      if (!result.data.succeeded) return setRefusal(result.data.error);
      close();
      router.replace(connectorPath(connectorId, "overview", { event: result.data.eventId }), { scroll: false });
      router.refresh();
    } catch {
      setFormError("Could not reach Latchkey. Nothing was stored; try again.");
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <Button variant="ghost" aria-expanded={false} aria-controls={`${id}-form`} onClick={() => setOpen(true)} className="px-0 text-primary underline">
        Import a refresh token
      </Button>
    );
  }
  return (
    <form
      id={`${id}-form`}
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label="Import a refresh token"
      className="space-y-3 rounded-md border border-border p-4"
    >
      <p className="text-sm text-muted-foreground">
        Instead of Authorize: paste a refresh token the vendor issued for this app (Workday hands one out in its console). Latchkey redeems it at once at the
        connector&apos;s token endpoint, and stores it encrypted only if the vendor accepts it; then it is renewed like any other.
      </p>
      <FormField
        label="Refresh token"
        help="Write-only: it is never shown again. If the vendor rotates it on use, Latchkey keeps the new one."
        error={fieldError}
      >
        {({ id: inputId, describedBy, invalid }) => (
          <Input
            id={inputId}
            type="password"
            autoComplete="off"
            spellCheck={false}
            autoFocus
            aria-required
            aria-describedby={describedBy}
            aria-invalid={invalid}
            value={value}
            onChange={(event) => setValue(event.target.value)}
          />
        )}
      </FormField>
      <FormError message={formError} />
      {refusal && <RefusedImport refusal={refusal} />}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={busy}>
          {busy ? "Redeeming…" : "Import and redeem"}
        </Button>
        <Button variant="secondary" onClick={close} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
