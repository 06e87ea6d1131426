"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { inviteUserAction } from "@/lib/auth/user-actions";
import { inviteUserSchema } from "@/lib/users/schema";
import { Button } from "@/components/ui/button";
import { applyActionErrors } from "@/components/forms/apply-action-errors";
import { CopyButton } from "@/components/ui/copy-button";
import { FormError, FormField, Input } from "@/components/ui/form-field";
import { Select } from "@/components/ui/select";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";

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
    <Card asChild className="space-y-4">
      <form onSubmit={onSubmit} noValidate>
        <h2 className="text-base font-semibold">Invite a user</h2>
        <FormError message={formError} />
        {invitation && (
          <Alert tone="success">
            <p>
              Send this link to {invitation.email}. It works once, for 72 hours, and is shown only now. Users who sign in with single sign-on can ignore it.
            </p>
            <div className="flex items-center gap-2">
              <code className="block min-w-0 flex-1 truncate rounded bg-card px-2 py-1" data-testid="invitation-link">
                {invitation.link}
              </code>
              <CopyButton value={invitation.link} label="Copy link" />
            </div>
          </Alert>
        )}
        <div className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-end">
          <FormField label="Email" error={formState.errors.email?.message}>
            {({ id, describedBy, invalid }) => <Input id={id} type="email" aria-describedby={describedBy} aria-invalid={invalid} {...register("email")} />}
          </FormField>
          <FormField label="Role" error={formState.errors.role?.message}>
            {({ id, describedBy }) => (
              <Select id={id} aria-describedby={describedBy} {...register("role")}>
                <option value="viewer">Viewer (read only)</option>
                <option value="admin">Admin</option>
              </Select>
            )}
          </FormField>
          <Button type="submit" disabled={formState.isSubmitting}>
            Invite
          </Button>
        </div>
      </form>
    </Card>
  );
}
