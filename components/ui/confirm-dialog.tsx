"use client";

import * as AlertDialog from "@radix-ui/react-alert-dialog";
import { useState, type ReactNode } from "react";
import { Button } from "./button";
import { overlayClasses, panelClasses } from "./dialog";

export interface ConfirmDialogProps {
  /** Names the thing it acts on: `Delete connector “Acme CRM”?`. Becomes the dialog's name. */
  title: string;
  /** What happens to that thing, in a sentence or two. Becomes the dialog's description. */
  description: ReactNode;
  confirmLabel: string;
  /** Shown on the confirm button while `onConfirm` runs; defaults to `confirmLabel…`. */
  pendingLabel?: string;
  cancelLabel?: string;
  tone?: "destructive" | "default";
  /**
   * Runs on confirm. May be async: the buttons wait for it. Return (or resolve to) a message to
   * keep the dialog open and show it as an error; anything else closes the dialog.
   */
  onConfirm: () => void | string | null | Promise<void | string | null>;
  /** The element that opens the dialog (usually a Button). Omit and pass `open` to control it. */
  trigger?: ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** Where focus goes on close when there is no trigger (e.g. a menu's button). */
  onCloseAutoFocus?: (event: Event) => void;
}

/**
 * The one confirmation dialog (role="alertdialog", Radix AlertDialog): focus starts on Cancel,
 * the safe choice; Escape and Cancel close it; focus returns to the trigger.
 */
export function ConfirmDialog({
  title,
  description,
  confirmLabel,
  pendingLabel,
  cancelLabel = "Cancel",
  tone = "default",
  onConfirm,
  trigger,
  open: controlledOpen,
  onOpenChange,
  onCloseAutoFocus,
}: ConfirmDialogProps) {
  const [uncontrolledOpen, setUncontrolledOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = controlledOpen ?? uncontrolledOpen;

  const setOpen = (next: boolean) => {
    if (pending) return; // the action is running: its outcome decides
    if (next) setError(null);
    setUncontrolledOpen(next);
    onOpenChange?.(next);
  };

  const confirm = async () => {
    setError(null);
    setPending(true);
    let failure: string | null = null;
    try {
      failure = (await onConfirm()) || null;
    } catch {
      failure = "Something went wrong. Nothing was changed; try again.";
    }
    setPending(false);
    if (failure) {
      setError(failure);
      return;
    }
    setUncontrolledOpen(false);
    onOpenChange?.(false);
  };

  return (
    <AlertDialog.Root open={open} onOpenChange={setOpen}>
      {trigger && <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger>}
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={overlayClasses} />
        <AlertDialog.Content className={panelClasses} onCloseAutoFocus={onCloseAutoFocus}>
          <AlertDialog.Title className="text-lg font-semibold">{title}</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-muted-foreground">{description}</AlertDialog.Description>
          {error && (
            <p role="alert" className="mt-3 text-sm text-danger">
              {error}
            </p>
          )}
          <div className="mt-6 flex justify-end gap-2">
            <AlertDialog.Cancel asChild>
              <Button variant="secondary" disabled={pending}>
                {cancelLabel}
              </Button>
            </AlertDialog.Cancel>
            {/* Not AlertDialog.Action: that closes at once; this waits for onConfirm. */}
            <Button variant={tone === "destructive" ? "destructive" : "primary"} disabled={pending} aria-busy={pending || undefined} onClick={confirm}>
              {pending ? (pendingLabel ?? `${confirmLabel}…`) : confirmLabel}
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
