"use client";

import { useTransition } from "react";
import { authorizeConnectorAction, disconnectConnectorAction, getTokenAction, refreshTokenAction } from "@/lib/tokens/actions";
import type { DashboardRow } from "@/lib/dashboard/queries";
import { REVOCATION_TEXT } from "@/components/tokens/revocation-text";
import { DisconnectButton } from "./disconnect-button";

export interface ActionNotice {
  tone: "success" | "error";
  text: string;
  /** Where the details are (the connector page with the event's outcome). */
  href?: string;
}

const baseClasses =
  "inline-flex items-center whitespace-nowrap rounded-md px-1.5 py-0.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:text-slate-400";
const actionClasses = `${baseClasses} text-indigo-800 hover:bg-indigo-50`;
const dangerClasses = `${baseClasses} text-red-800 hover:bg-red-50`;

type TokenResult = Awaited<ReturnType<typeof refreshTokenAction>>;

function tokenNotice(row: DashboardRow, result: TokenResult, done: string, failed: string): ActionNotice {
  if (!result.ok) return { tone: "error", text: `${row.name}: ${result.formError ?? "the request was refused."}` };
  if (!result.data.eventId) return { tone: "success", text: `${row.name}: another refresh was already running; its result is shown.` };
  const href = `/connectors/${row.id}?event=${encodeURIComponent(result.data.eventId)}`;
  return result.data.succeeded ? { tone: "success", text: `${done} ${row.name}.`, href } : { tone: "error", text: `${failed} ${row.name} failed.`, href };
}

/** Authorize / Get token, Refresh now, Disconnect for one row. Admins only; each action checks the role again. */
export function RowActions({ row, onDone }: { row: DashboardRow; onDone: (notice: ActionNotice) => void }) {
  const [pending, startTransition] = useTransition();

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
    <div className="flex flex-col items-end gap-0.5" aria-busy={pending || undefined}>
      {row.grantType === "authorization_code" ? (
        <button type="button" className={actionClasses} disabled={pending} onClick={authorize}>
          Authorize<span className="sr-only"> {row.name}</span>
        </button>
      ) : (
        <button type="button" className={actionClasses} disabled={pending} onClick={getToken}>
          Get token<span className="sr-only"> for {row.name}</span>
        </button>
      )}
      {row.hasToken && (
        <>
          <button type="button" className={actionClasses} disabled={pending} onClick={refresh}>
            Refresh now<span className="sr-only"> {row.name}</span>
          </button>
          <DisconnectButton name={row.name} disabled={pending} onConfirm={disconnect} className={dangerClasses} />
        </>
      )}
    </div>
  );
}
