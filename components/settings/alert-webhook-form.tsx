"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { removeAlertWebhookAction, saveAlertWebhookAction, sendTestAlertAction } from "@/lib/alerts/actions";
import { alertWebhookSchema, type AlertWebhookValues } from "@/lib/alerts/schema";
import { Button } from "@/components/ui/button";
import { applyActionErrors } from "@/components/forms/apply-action-errors";
import { CopyButton } from "@/components/ui/copy-button";
import { FormError, FormField, FormSuccess, Input } from "@/components/ui/form-field";
import { Alert } from "@/components/ui/alert";

interface Props {
  configured: boolean;
  /** Host of the saved URL; the URL itself is not sent to the browser (it may embed a token). */
  host: string | null;
  allowLoopback: boolean;
}

/** Admins set, test and remove the alert webhook; the signing secret is shown once, on first save. */
export function AlertWebhookForm({ configured, host, allowLoopback }: Props) {
  const schema = useMemo(() => alertWebhookSchema({ allowLoopback }), [allowLoopback]);
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { register, handleSubmit, setError, reset, formState } = useForm<AlertWebhookValues>({ resolver: zodResolver(schema), defaultValues: { url: "" } });

  const clear = () => {
    setFormError(null);
    setNotice(null);
  };

  const onSubmit = handleSubmit(async (values) => {
    clear();
    setSecret(null);
    const result = await saveAlertWebhookAction(values);
    if (!result.ok) {
      setFormError(applyActionErrors(result, setError, ["url"]));
      return;
    }
    reset();
    if (result.data.secret) setSecret(result.data.secret);
    else setNotice("Webhook URL saved. The signing secret is unchanged.");
  });

  const sendTest = async () => {
    clear();
    setBusy(true);
    const result = await sendTestAlertAction({});
    setBusy(false);
    if (!result.ok) setFormError(result.formError ?? "The test alert could not be sent.");
    else if (result.data.delivered) setNotice(`Test alert delivered. ${result.data.message}`);
    else setFormError(`The test alert was not delivered: ${result.data.message}`);
  };

  const remove = async () => {
    clear();
    setSecret(null);
    setBusy(true);
    const result = await removeAlertWebhookAction({});
    setBusy(false);
    if (!result.ok) setFormError(result.formError ?? "The webhook could not be removed.");
    else setNotice("Webhook removed. No alerts will be sent.");
  };

  return (
    <form onSubmit={onSubmit} noValidate className="mt-3 space-y-3">
      <FormError message={formError} />
      <FormSuccess message={notice} />
      {secret && (
        <Alert tone="success">
          <p>
            Webhook saved. This is its signing secret, shown only now: store it with the receiver. Each message carries
            <code className="mx-1">X-Latchkey-Signature: v1=&lt;hex HMAC-SHA256 of &quot;timestamp.body&quot;&gt;</code> keyed with this secret, and the
            timestamp in <code className="mx-1">X-Latchkey-Timestamp</code>.
          </p>
          <div className="flex items-center gap-2">
            <code className="block min-w-0 flex-1 truncate rounded bg-card px-2 py-1" data-testid="alert-webhook-secret">
              {secret}
            </code>
            <CopyButton value={secret} label="Copy secret" />
          </div>
        </Alert>
      )}
      <p className="text-sm text-muted-foreground">
        {configured ? (
          <>
            Alerts go to <code>{host}</code>. Enter a URL to replace it (the signing secret stays the same; remove the webhook and add it again for a new one).
          </>
        ) : (
          "No webhook is configured."
        )}
      </p>
      <div className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end">
        <FormField
          label="Webhook URL"
          error={formState.errors.url?.message}
          help="Receives a signed JSON message when a connector needs re-authorization, when its refresh starts failing, and when it recovers."
        >
          {({ id, describedBy, invalid }) => (
            <Input
              id={id}
              type="url"
              placeholder="https://alerts.example.com/latchkey"
              aria-describedby={describedBy}
              aria-invalid={invalid}
              {...register("url")}
            />
          )}
        </FormField>
        <Button type="submit" disabled={formState.isSubmitting || busy}>
          Save webhook
        </Button>
      </div>
      {configured && (
        <div className="flex gap-2">
          <Button variant="secondary" onClick={sendTest} disabled={busy || formState.isSubmitting}>
            Send test alert
          </Button>
          <Button variant="destructive" onClick={remove} disabled={busy || formState.isSubmitting}>
            Remove webhook
          </Button>
        </div>
      )}
    </form>
  );
}
