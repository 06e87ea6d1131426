"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { sendTestRequestAction } from "@/lib/proxy/actions";
import { TEST_REQUEST_METHODS, testRequestSchema, type TestRequestValues } from "@/lib/proxy/test-request-schema";
import type { TestRequestResult } from "@/lib/proxy/test-request";
import { Button } from "@/components/ui/button";
import { Field, TextInput, inputClasses } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-message";
import { applyActionErrors } from "@/components/forms/apply-action-errors";
import { TestRequestOutcome } from "./test-request-outcome";

/**
 * Sends one request to the connector's vendor API through Latchkey's proxy (on the server, with
 * the stored token) and shows the answer. The token is redacted from everything shown.
 */
export function SendTestRequest({ connectorId }: { connectorId: string }) {
  const [formError, setFormError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<TestRequestResult | null>(null);
  const { register, handleSubmit, setError, control, formState } = useForm<TestRequestValues>({
    resolver: zodResolver(testRequestSchema),
    defaultValues: { connectorId, method: "GET", path: "", contentType: "application/json", body: "" },
  });
  const method = useWatch({ control, name: "method" });
  const sendsBody = method !== "GET" && method !== "HEAD";

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await sendTestRequestAction(values);
    if (!result.ok) {
      setOutcome(null);
      setFormError(applyActionErrors(result, setError, ["method", "path", "contentType", "body"]));
      return;
    }
    setOutcome(result.data);
  });

  return (
    <section aria-labelledby="test-request-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <div>
        <h2 id="test-request-heading" className="text-base font-semibold">
          Send test request
        </h2>
        <p className="mt-1 text-sm text-slate-700">Calls the vendor API through Latchkey&apos;s proxy with this connector&apos;s token, exactly as a sync worker would. The token is hidden in the result.</p>
      </div>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <FormError message={formError} />
        <input type="hidden" {...register("connectorId")} />
        <div className="grid gap-4 sm:grid-cols-[8rem_1fr]">
          <Field label="Method" error={formState.errors.method?.message}>
            {({ id, describedBy }) => (
              <select id={id} aria-describedby={describedBy} className={inputClasses} {...register("method")}>
                {TEST_REQUEST_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Path" help="Relative to the API Base URL, with an optional query, e.g. v1/me?fields=id" error={formState.errors.path?.message}>
            {({ id, describedBy, invalid }) => <TextInput id={id} aria-describedby={describedBy} aria-invalid={invalid} autoComplete="off" spellCheck={false} className="font-mono" {...register("path")} />}
          </Field>
        </div>
        {sendsBody && (
          <div className="grid gap-4 sm:grid-cols-[16rem_1fr]">
            <Field label="Content type" error={formState.errors.contentType?.message}>
              {({ id, describedBy, invalid }) => <TextInput id={id} aria-describedby={describedBy} aria-invalid={invalid} {...register("contentType")} />}
            </Field>
            <Field label="Body (optional)" error={formState.errors.body?.message}>
              {({ id, describedBy, invalid }) => (
                <textarea id={id} rows={5} aria-describedby={describedBy} aria-invalid={invalid} spellCheck={false} className={`${inputClasses} font-mono`} {...register("body")} />
              )}
            </Field>
          </div>
        )}
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Sending…" : "Send request"}
        </Button>
      </form>
      {outcome && <TestRequestOutcome outcome={outcome} />}
    </section>
  );
}
