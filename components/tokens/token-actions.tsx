"use client";

import { useRouter } from "next/navigation";
import { connectorPath } from "@/lib/connectors/paths";
import { useState, useTransition } from "react";
import { authorizeConnectorAction } from "@/lib/authorization/actions";
import { disconnectConnectorAction, getTokenAction, refreshTokenAction } from "@/lib/tokens/actions";
import { DisconnectButton } from "@/components/dashboard/disconnect-button";
import { Button } from "@/components/ui/button";
import { REVOCATION_TEXT } from "./revocation-text";
import { FormError, FormSuccess } from "@/components/ui/form-field";

interface Props {
  connectorId: string;
  connectorName: string;
  grantType: "authorization_code" | "client_credentials" | "jwt_bearer";
  hasToken: boolean;
}

/** Authorize / Get token / Refresh now / Disconnect. Token results are shown by the panel from the event they record. */
export function TokenActions({ connectorId, connectorName, grantType, hasToken }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  function run(
    action: (input: {
      id: string;
    }) => Promise<{ ok: true; data: { eventId: string } } | { ok: false; formError?: string; fieldErrors?: Record<string, string[]> }>,
  ) {
    setError(null);
    setNotice(null);
    startTransition(async () => {
      const result = await action({ id: connectorId });
      if (!result.ok) {
        setError(result.formError ?? "Could not complete the request.");
        return;
      }
      if (result.data.eventId) router.replace(connectorPath(connectorId, "overview", { event: result.data.eventId }), { scroll: false });
      router.refresh();
    });
  }

  function disconnect() {
    setError(null);
    setNotice(null);
    startTransition(async () => {
      const result = await disconnectConnectorAction({ id: connectorId });
      if (!result.ok) {
        setError(result.formError ?? "Could not disconnect.");
        return;
      }
      const text = `Disconnected: ${REVOCATION_TEXT[result.data.revocation]}`;
      if (result.data.revocation === "failed") setError(text);
      else setNotice(text);
      // The banner of an earlier Get token / Refresh now no longer describes the connector.
      router.replace(connectorPath(connectorId), { scroll: false });
      router.refresh();
    });
  }

  return (
    <div className="space-y-3">
      <FormError message={error} />
      <FormSuccess message={notice} />
      <div className="flex flex-wrap gap-2">
        {grantType === "authorization_code" ? (
          <Button
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                setError(null);
                setNotice(null);
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
          <>
            <Button variant="secondary" disabled={pending} onClick={() => run(refreshTokenAction)}>
              Refresh now
            </Button>
            <DisconnectButton name={connectorName} disabled={pending} onConfirm={disconnect} />
          </>
        )}
      </div>
      {pending && (
        <p role="status" className="text-sm text-muted-foreground">
          Talking to the vendor…
        </p>
      )}
    </div>
  );
}
