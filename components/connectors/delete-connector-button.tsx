"use client";

import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { toast } from "sonner";
import { deleteConnectorAction } from "@/lib/connector-admin/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

interface DeleteConnectorDialogProps {
  id: string;
  name: string;
  trigger?: ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  onCloseAutoFocus?: (event: Event) => void;
}

/** The confirmation before deleting a connector, naming it; on success, back to the list. */
export function DeleteConnectorDialog({ id, name, ...props }: DeleteConnectorDialogProps) {
  const router = useRouter();
  const remove = async () => {
    const result = await deleteConnectorAction({ id }).catch(() => null);
    if (!result?.ok) return result?.formError ?? "Could not delete the connector. Try again.";
    toast.success(`Connector “${name}” deleted, with its stored tokens.`);
    router.push("/connectors");
  };
  return (
    <ConfirmDialog
      title={`Delete connector “${name}”?`}
      description="This also deletes its stored tokens, after revoking them at the vendor when a Revocation URL is set. Sync jobs that use this connector stop working. This cannot be undone."
      confirmLabel="Delete connector"
      pendingLabel="Deleting…"
      tone="destructive"
      onConfirm={remove}
      {...props}
    />
  );
}

export function DeleteConnectorButton({ id, name }: { id: string; name: string }) {
  return (
    <DeleteConnectorDialog
      id={id}
      name={name}
      trigger={
        <Button variant="destructive">
          Delete<span className="sr-only"> {name}</span>
        </Button>
      }
    />
  );
}
