"use client";

import { KeyRound, RefreshCw, Unplug } from "lucide-react";
import { useTransition } from "react";
import { authorizeConnectorAction } from "@/lib/authorization/actions";
import { disconnectConnectorAction, getTokenAction, refreshTokenAction } from "@/lib/tokens/actions";
import type { DashboardRow } from "@/lib/dashboard/queries";
import { connectorPath } from "@/lib/connectors/paths";
import { REVOCATION_TEXT } from "@/components/tokens/revocation-text";
import { DropdownMenuItem, DropdownMenuSeparator, RowActionsMenu, useMenuDialog } from "@/components/ui/dropdown-menu";
import { DisconnectDialog } from "./disconnect-button";

export interface ActionNotice {
  tone: "success" | "error";
  text: string;
  /** Where the details are (the connector page with the event's outcome). */
  href?: string;
}

type TokenResult = Awaited<ReturnType<typeof refreshTokenAction>>;

function tokenNotice(row: DashboardRow, result: TokenResult, done: string, failed: string): ActionNotice {
  if (!result.ok) return { tone: "error", text: `${row.name}: ${result.formError ?? "the request was refused."}` };
  if (!result.data.eventId) return { tone: "success", text: `${row.name}: another refresh was already running; its result is shown.` };
  const href = connectorPath(row.id, "overview", { event: result.data.eventId });
  return result.data.succeeded ? { tone: "success", text: `${done} ${row.name}.`, href } : { tone: "error", text: `${failed} ${row.name} failed.`, href };
}

/** Authorize / Get token, Refresh now, Disconnect for one row, behind its actions menu. Admins only; each action checks the role again. */
export function RowActions({ row, onDone }: { row: DashboardRow; onDone: (notice: ActionNotice) => void }) {
  const [pending, startTransition] = useTransition();
  const confirmDisconnect = useMenuDialog();

  const run = (work: () => Promise<ActionNotice | null>) =>
    startTransition(async () => {
      const notice = await work().catch((): ActionNotice => ({ tone: "error", text: "Could not reach Latchkey. Nothing was changed; try again." }));
      if (notice) onDone(notice);
    });

  const authorize = () =>
    run(async () => {
      const result = await authorizeConnectorAction({ id: row.id });
      // On success the action sends the browser to the vendor and never returns.
      return result && !result.ok ? { tone: "error", text: `${row.name}: ${result.formError ?? "could not start the authorization."}` } : null;
    });
  const getToken = () => run(async () => tokenNotice(row, await getTokenAction({ id: row.id }), "Got a token for", "Getting a token for"));
  const refresh = () => run(async () => tokenNotice(row, await refreshTokenAction({ id: row.id }), "Refreshed", "Refreshing"));
  const disconnect = () =>
    run(async () => {
      const result = await disconnectConnectorAction({ id: row.id });
      if (!result.ok) return { tone: "error", text: `${row.name}: ${result.formError ?? "could not disconnect."}` };
      return { tone: result.data.revocation === "failed" ? "error" : "success", text: `Disconnected ${row.name}: ${REVOCATION_TEXT[result.data.revocation]}` };
    });

  return (
    <>
      <RowActionsMenu label={`Actions for ${row.name}`} disabled={pending} {...confirmDisconnect.menuProps}>
        {row.grantType === "authorization_code" ? (
          <DropdownMenuItem onSelect={authorize}>
            <KeyRound aria-hidden="true" />
            Authorize<span className="sr-only"> {row.name}</span>
          </DropdownMenuItem>
        ) : (
          <DropdownMenuItem onSelect={getToken}>
            <KeyRound aria-hidden="true" />
            Get token<span className="sr-only"> for {row.name}</span>
          </DropdownMenuItem>
        )}
        {row.hasToken && (
          <>
            <DropdownMenuItem onSelect={refresh}>
              <RefreshCw aria-hidden="true" />
              Refresh now<span className="sr-only"> {row.name}</span>
            </DropdownMenuItem>
            <DropdownMenuSeparator />
            <DropdownMenuItem tone="destructive" onSelect={confirmDisconnect.open}>
              <Unplug aria-hidden="true" />
              Disconnect<span className="sr-only"> {row.name}</span>
            </DropdownMenuItem>
          </>
        )}
      </RowActionsMenu>
      <DisconnectDialog name={row.name} onConfirm={disconnect} {...confirmDisconnect.dialogProps} />
    </>
  );
}
