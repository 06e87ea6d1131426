"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { duplicateConnectorAction } from "@/lib/connector-admin/actions";
import { connectorPath } from "@/lib/connectors/paths";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** Copies the saved configuration (never the secret or tokens) and opens the copy. */
export function useDuplicateConnector(id: string) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const duplicate = () =>
    startTransition(async () => {
      const result = await duplicateConnectorAction({ id }).catch(() => null);
      if (!result?.ok) {
        toast.error(result?.formError ?? "Could not duplicate the connector. Try again.");
        return;
      }
      router.push(connectorPath(result.data.id, "configuration", { copied: "1" })); // the note asks for the secret beside its field
    });
  return { duplicate, pending };
}

/**
 * Duplicate on the connector's own page. With unsaved edits (`unsavedWarning`) it asks first:
 * the copy is made from the saved version, and leaving drops the edits.
 */
export function DuplicateConnectorButton({ id, name, unsavedWarning }: { id: string; name: string; unsavedWarning?: string }) {
  const { duplicate, pending } = useDuplicateConnector(id);
  const button = (
    <Button variant="secondary" disabled={pending} onClick={unsavedWarning ? undefined : duplicate}>
      {pending ? "Duplicating…" : "Duplicate"}
      <span className="sr-only"> {name}</span>
    </Button>
  );
  if (!unsavedWarning) return button;
  return (
    <ConfirmDialog
      title={`Duplicate “${name}” from its saved version?`}
      description={unsavedWarning}
      confirmLabel="Duplicate"
      onConfirm={duplicate}
      trigger={button}
    />
  );
}
