"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { inviteUserAction } from "@/lib/users/actions";
import { inviteUserSchema } from "@/lib/users/schema";
import { Button } from "@/components/ui/button";
import { Field, TextInput, inputClasses } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-message";
import { applyActionErrors } from "@/components/forms/apply-action-errors";
import { CopyButton } from "@/components/ui/copy-button";

type Values = z.input<typeof inviteUserSchema>;

export function InviteUserForm() {
  const [formError, setFormError] = useState<string | null>(null);
  const [invitation, setInvitation] = useState<{ email: string; link: string } | null>(null);
  const { register, handleSubmit, setError, reset, formState } = useForm<Values>({
    resolver: zodResolver(inviteUserSchema),
    defaultValues: { email: "", role: "viewer" },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setInvitation(null);
    const result = await inviteUserAction(values);
    if (!result.ok) {
      setFormError(applyActionErrors(result, setError, ["email", "role"]));
      return;
    }
    setInvitation({ email: values.email, link: result.data.link });
    reset();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-base font-semibold">Invite a user</h2>
      <FormError message={formError} />
      {invitation && (
        <div role="status" className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-950">
          <p>
            Send this link to {invitation.email}. It works once, for 72 hours, and is shown only now.
            Users who sign in with single sign-on can ignore it.
          </p>
          <div className="flex items-center gap-2">
            <code className="block min-w-0 flex-1 truncate rounded bg-white px-2 py-1" data-testid="invitation-link">{invitation.link}</code>
            <CopyButton value={invitation.link} label="Copy link" />
          </div>
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-end">
        <Field label="Email" error={formState.errors.email?.message}>
          {({ id, describedBy, invalid }) => <TextInput id={id} type="email" aria-describedby={describedBy} aria-invalid={invalid} {...register("email")} />}
        </Field>
        <Field label="Role" error={formState.errors.role?.message}>
          {({ id, describedBy }) => (
            <select id={id} aria-describedby={describedBy} className={inputClasses} {...register("role")}>
              <option value="viewer">Viewer (read only)</option>
              <option value="admin">Admin</option>
            </select>
          )}
        </Field>
        <Button type="submit" disabled={formState.isSubmitting}>
          Invite
        </Button>
      </div>
    </form>
  );
}
