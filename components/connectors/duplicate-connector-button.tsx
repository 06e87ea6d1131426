"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { duplicateConnectorAction } from "@/lib/connectors/actions";

/** Copies the saved configuration (never the secret or tokens) and opens the copy. */
export function DuplicateConnectorButton({ id, name, confirmFirst, className }: { id: string; name: string; confirmFirst?: string; className: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const duplicate = () => {
    if (confirmFirst && !window.confirm(confirmFirst)) return;
    setError(null);
    startTransition(async () => {
      const result = await duplicateConnectorAction({ id }).catch(() => null);
      if (!result?.ok) {
        setError(result?.formError ?? "Could not duplicate the connector. Try again.");
        return;
      }
      router.push(`/connectors/${result.data.id}?copied=1`);
    });
  };

  return (
    <>
      <button type="button" className={className} disabled={pending} onClick={duplicate}>
        {pending ? "Duplicating…" : "Duplicate"}
        <span className="sr-only"> {name}</span>
      </button>
      {error && (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      )}
    </>
  );
}
