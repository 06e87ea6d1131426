"use client";

import { useId, useRef, useState, useTransition } from "react";
import { revokeApiKeyAction } from "@/lib/api-keys/actions";
import { Button, buttonClasses } from "@/components/ui/button";

/** Revoke with a confirmation naming the key. Focus starts on Cancel and returns to the opener. */
export function RevokeApiKeyButton({ id, name }: { id: string; name: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const titleId = useId();

  const confirm = () =>
    startTransition(async () => {
      const result = await revokeApiKeyAction({ id }).catch(() => null);
      if (!result?.ok) {
        setError(result?.formError ?? "Could not revoke the key. Try again.");
        return;
      }
      dialog.current?.close();
    });

  return (
    <>
      <button
        ref={opener}
        type="button"
        className={buttonClasses("secondary")}
        onClick={() => {
          setError(null);
          dialog.current?.showModal();
          cancel.current?.focus();
        }}
      >
        Revoke<span className="sr-only"> {name}</span>
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} onClose={() => opener.current?.focus()} className="m-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 text-left shadow-xl backdrop:bg-slate-900/40">
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          Revoke API key “{name}”?
        </h2>
        <p className="mt-2 text-sm text-slate-700">Workers using it get 401 from the next request on. This cannot be undone: create a new key instead.</p>
        {error && (
          <p role="alert" className="mt-3 text-sm text-red-700">
            {error}
          </p>
        )}
        <div className="mt-5 flex justify-end gap-2">
          <button ref={cancel} type="button" className={buttonClasses("secondary")} onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <Button variant="danger" disabled={pending} onClick={confirm}>
            Revoke key
          </Button>
        </div>
      </dialog>
    </>
  );
}
