"use client";

import { useState, useTransition } from "react";
import { changeRoleAction, disableUserAction, enableUserAction } from "@/lib/users/actions";
import { Button } from "@/components/ui/button";
import { inputClasses } from "@/components/ui/field";
import type { Role } from "@/lib/users/schema";

export function UserRowActions({ userId, email, role, disabled, isSelf }: { userId: string; email: string; role: Role; disabled: boolean; isSelf: boolean }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function run(action: () => Promise<{ ok: boolean; formError?: string }>) {
    setError(null);
    startTransition(async () => {
      const result = await action();
      if (!result.ok) setError(result.formError ?? "Could not change this user.");
    });
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <label className="sr-only" htmlFor={`role-${userId}`}>
        Role of {email}
      </label>
      <select
        id={`role-${userId}`}
        className={`${inputClasses} w-32`}
        defaultValue={role}
        disabled={pending || disabled}
        onChange={(e) => run(() => changeRoleAction({ userId, role: e.target.value }))}
      >
        <option value="viewer">Viewer</option>
        <option value="admin">Admin</option>
      </select>
      {!isSelf && (
        <Button variant="secondary" disabled={pending} onClick={() => run(() => (disabled ? enableUserAction({ userId }) : disableUserAction({ userId })))}>
          {disabled ? "Restore access" : "Remove access"}
        </Button>
      )}
      {error && (
        <p role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
