"use client";

import { useId, useRef } from "react";
import { Button, buttonClasses } from "@/components/ui/button";

/**
 * Disconnect behind a confirmation naming the connector. A native modal <dialog> traps focus and
 * closes on Escape; focus starts on Cancel (the safe choice) and returns to the opener.
 */
export function DisconnectButton({ name, disabled, onConfirm, className }: { name: string; disabled: boolean; onConfirm: () => void; className: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const titleId = useId();

  const open = () => {
    dialog.current?.showModal();
    cancel.current?.focus();
  };
  const close = () => dialog.current?.close();

  return (
    <>
      <button ref={opener} type="button" disabled={disabled} className={className} onClick={open}>
        Disconnect<span className="sr-only"> {name}</span>
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        aria-describedby={`${titleId}-body`}
        onClose={() => opener.current?.focus()}
        className="m-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 text-left shadow-xl backdrop:bg-slate-900/40"
      >
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          Disconnect “{name}”?
        </h2>
        <p id={`${titleId}-body`} className="mt-2 text-sm text-slate-700">
          Latchkey revokes the token at the vendor where it offers revocation, then deletes the stored tokens. Sync jobs that use this connector stop
          working until an admin authorizes it again. The connector&apos;s settings are kept.
        </p>
        <div className="mt-6 flex justify-end gap-2">
          <button ref={cancel} type="button" className={buttonClasses("secondary")} onClick={close}>
            Cancel
          </button>
          <Button
            variant="danger"
            onClick={() => {
              close();
              onConfirm();
            }}
          >
            Disconnect
          </Button>
        </div>
      </dialog>
    </>
  );
}
