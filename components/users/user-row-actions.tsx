"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { changeRoleAction, disableUserAction, enableUserAction } from "@/lib/auth/user-actions";
import { Button } from "@/components/ui/button";
import type { Role } from "@/lib/users/schema";
import { Select } from "@/components/ui/select";
import { Alert } from "@/components/ui/alert";

export function UserRowActions({ userId, email, role, disabled, isSelf }: { userId: string; email: string; role: Role; disabled: boolean; isSelf: boolean }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  /** Runs a change; its refusal stays beside the row, its success is a toast (the row itself updates). */
  function run(action: () => Promise<{ ok: boolean; formError?: string }>, done: string) {
    setError(null);
    startTransition(async () => {
      const result = await action().catch(() => ({ ok: false, formError: "Could not reach Latchkey. Nothing was changed; try again." }));
      if (!result.ok) setError(result.formError ?? "Could not change this user.");
      else toast.success(done);
    });
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <label className="sr-only" htmlFor={`role-${userId}`}>
        Role of {email}
      </label>
      <Select
        id={`role-${userId}`}
        className="w-32"
        defaultValue={role}
        disabled={pending || disabled}
        onChange={(e) => {
          const next = e.target.value;
          run(() => changeRoleAction({ userId, role: next }), `${email} is now ${next === "admin" ? "an admin" : "a viewer"}.`);
        }}
      >
        <option value="viewer">Viewer</option>
        <option value="admin">Admin</option>
      </Select>
      {!isSelf && (
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() =>
            run(
              () => (disabled ? enableUserAction({ userId }) : disableUserAction({ userId })),
              disabled ? `${email} can sign in again.` : `${email} can no longer sign in.`,
            )
          }
        >
          {disabled ? "Restore access" : "Remove access"}
        </Button>
      )}
      {error && (
        <Alert tone="destructive" className="w-full">
          {error}
        </Alert>
      )}
    </div>
  );
}
