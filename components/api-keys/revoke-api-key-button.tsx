"use client";

import { toast } from "sonner";
import { revokeApiKeyAction } from "@/lib/api-keys/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** Revoke behind a confirmation naming the key. */
export function RevokeApiKeyButton({ id, name }: { id: string; name: string }) {
  const revoke = async () => {
    const result = await revokeApiKeyAction({ id }).catch(() => null);
    if (!result?.ok) return result?.formError ?? "Could not revoke the key. Try again.";
    toast.success(`API key “${name}” revoked.`);
  };

  return (
    <ConfirmDialog
      title={`Revoke API key “${name}”?`}
      description="Workers using it get 401 from the next request on. This cannot be undone: create a new key instead."
      confirmLabel="Revoke key"
      pendingLabel="Revoking…"
      tone="destructive"
      onConfirm={revoke}
      trigger={
        <Button variant="secondary" size="sm">
          Revoke<span className="sr-only"> {name}</span>
        </Button>
      }
    />
  );
}
