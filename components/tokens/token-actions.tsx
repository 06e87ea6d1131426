"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { authorizeConnectorAction, getTokenAction, refreshTokenAction } from "@/lib/tokens/actions";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-message";

interface Props {
  connectorId: string;
  grantType: "authorization_code" | "client_credentials";
  hasToken: boolean;
}

/** Authorize / Get token / Refresh now. Results are shown by the panel from the event they record. */
export function TokenActions({ connectorId, grantType, hasToken }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function run(action: (input: { id: string }) => Promise<{ ok: true; data: { eventId: string } } | { ok: false; formError?: string; fieldErrors?: Record<string, string[]> }>) {
    setError(null);
    startTransition(async () => {
      const result = await action({ id: connectorId });
      if (!result.ok) {
        setError(result.formError ?? "Could not complete the request.");
        return;
      }
      if (result.data.eventId) router.replace(`/connectors/${connectorId}?event=${result.data.eventId}`, { scroll: false });
      router.refresh();
    });
  }

  return (
    <div className="space-y-3">
      <FormError message={error} />
      <div className="flex flex-wrap gap-2">
        {grantType === "authorization_code" ? (
          <Button
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                setError(null);
                const result = await authorizeConnectorAction({ id: connectorId });
                // On success the action redirects the browser to the vendor and never returns.
                if (result && !result.ok) setError(result.formError ?? "Could not start the authorization.");
              })
            }
          >
            {hasToken ? "Re-authorize" : "Authorize"}
          </Button>
        ) : (
          <Button disabled={pending} onClick={() => run(getTokenAction)}>
            Get token
          </Button>
        )}
        {hasToken && (
          <Button variant="secondary" disabled={pending} onClick={() => run(refreshTokenAction)}>
            Refresh now
          </Button>
        )}
      </div>
      {pending && (
        <p role="status" className="text-sm text-slate-700">
          Talking to the vendor…
        </p>
      )}
    </div>
  );
}
