"use client";

import type { ReactNode } from "react";
import { Button, type ButtonProps } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

interface DisconnectDialogProps {
  name: string;
  onConfirm: () => void | Promise<void>;
  trigger?: ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  onCloseAutoFocus?: (event: Event) => void;
}

/** The confirmation before Disconnect, naming the connector. */
export function DisconnectDialog({ name, ...props }: DisconnectDialogProps) {
  return (
    <ConfirmDialog
      title={`Disconnect “${name}”?`}
      description="Latchkey revokes the token at the vendor where it offers revocation, then deletes the stored tokens. Sync jobs that use this connector stop working until an admin authorizes it again. The connector's settings are kept."
      confirmLabel="Disconnect"
      tone="destructive"
      {...props}
    />
  );
}

/** A Disconnect button behind that confirmation. */
export function DisconnectButton({
  name,
  disabled,
  onConfirm,
  variant = "secondary",
}: {
  name: string;
  disabled: boolean;
  onConfirm: () => void;
  variant?: ButtonProps["variant"];
}) {
  return (
    <DisconnectDialog
      name={name}
      onConfirm={onConfirm}
      trigger={
        <Button variant={variant} disabled={disabled}>
          Disconnect<span className="sr-only"> {name}</span>
        </Button>
      }
    />
  );
}
