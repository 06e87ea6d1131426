"use client";

import { useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { deleteConnectorAction } from "@/lib/connectors/actions";
import { Button } from "@/components/ui/button";

/**
 * Delete with a confirmation that names the connector. A native modal <dialog> traps focus and
 * closes on Escape; focus starts on Cancel (the safe choice) and returns to the opener.
 */
export function DeleteConnectorButton({ id, name, variant = "danger" }: { id: string; name: string; variant?: "danger" | "secondary" }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const titleId = useId();

  const open = () => {
    setError(null);
    dialog.current?.showModal();
    cancel.current?.focus();
  };
  const close = () => dialog.current?.close();

  const confirm = () =>
    startTransition(async () => {
      const result = await deleteConnectorAction({ id }).catch(() => null);
      if (!result?.ok) {
        setError(result?.formError ?? "Could not delete the connector. Try again.");
        return;
      }
      close();
      router.push("/connectors?deleted=1");
    });

  return (
    <>
      <button ref={opener} type="button" className={variant === "danger" ? "inline-flex items-center justify-center gap-2 rounded-md bg-red-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-red-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600" : "inline-flex items-center rounded-md px-2 py-1 text-sm font-medium text-red-800 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-indigo-600"} onClick={open}>
        Delete<span className="sr-only"> {name}</span>
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        aria-describedby={`${titleId}-body`}
        onClose={() => opener.current?.focus()}
        className="m-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 text-left shadow-xl backdrop:bg-slate-900/40"
      >
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          Delete connector “{name}”?
        </h2>
        <p id={`${titleId}-body`} className="mt-2 text-sm text-slate-700">
          This also deletes its stored tokens, after revoking them at the vendor when a Revocation URL is set. Sync jobs that use this connector stop working. This cannot be undone.
        </p>
        {error && (
          <p role="alert" className="mt-3 text-sm text-red-700">
            {error}
          </p>
        )}
        <div className="mt-6 flex justify-end gap-2">
          <button ref={cancel} type="button" className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-900 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600" onClick={close}>
            Cancel
          </button>
          <Button variant="danger" disabled={pending} onClick={confirm}>
            {pending ? "Deleting…" : "Delete connector"}
          </Button>
        </div>
      </dialog>
    </>
  );
}
