"use client";

import Link from "next/link";
import { useState } from "react";
import { dashboardHref, dashboardQuery, type DashboardParams } from "@/lib/dashboard/params";
import type { DashboardData } from "@/lib/dashboard/queries";
import { TOKEN_STATUS_LABELS } from "@/lib/tokens/status";
import { grantTypeLabel } from "@/components/connectors/labels";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClasses } from "@/components/ui/button";
import { DashboardTable } from "./dashboard-table";
import { Pagination } from "./pagination";
import type { ActionNotice } from "./row-actions";
import { StatusTiles } from "./status-tiles";
import { useLiveDashboard, useTickingNow, type LiveProblem } from "./use-live-dashboard";

interface Props {
  initial: DashboardData;
  params: DashboardParams;
  isAdmin: boolean;
}

function ProblemNote({ problem }: { problem: LiveProblem }) {
  if (problem === "signed_out") {
    return (
      <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950">
        Your session has ended, so the statuses below no longer update.{" "}
        <a href="/sign-in" className="font-medium underline">
          Sign in again
        </a>
      </p>
    );
  }
  if (problem === "unreachable") {
    return (
      <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950">
        Latchkey is not answering; the statuses below may be out of date. Retrying every few seconds.
      </p>
    );
  }
  return null;
}

function Notice({ notice, onDismiss }: { notice: ActionNotice; onDismiss: () => void }) {
  const colours = notice.tone === "success" ? "border-emerald-200 bg-emerald-50 text-emerald-950" : "border-red-200 bg-red-50 text-red-900";
  return (
    <div role={notice.tone === "success" ? "status" : "alert"} className={`flex flex-wrap items-center gap-3 rounded-md border px-3 py-2 text-sm ${colours}`}>
      <span>{notice.text}</span>
      {notice.href && (
        <Link href={notice.href} className="font-medium underline">
          Details
        </Link>
      )}
      <button type="button" onClick={onDismiss} className="ml-auto rounded px-2 py-0.5 font-medium hover:bg-white/60">
        Dismiss
      </button>
    </div>
  );
}

function NoConnectors({ isAdmin }: { isAdmin: boolean }) {
  return (
    <EmptyState
      title="No connectors yet"
      action={
        isAdmin ? (
          <Link href="/connectors/new" className={buttonClasses()}>
            Set up a connector
          </Link>
        ) : undefined
      }
    >
      {isAdmin
        ? "Add a connector with the OAuth 2.0 details your vendor gave you, then authorize it. Its token status will show here."
        : "An admin has not set up any connector yet. Token status will show here once they do."}
    </EmptyState>
  );
}

function NoMatch({ params }: { params: DashboardParams }) {
  const what = [
    params.q && `named like “${params.q}”`,
    params.grant && `using ${grantTypeLabel(params.grant)}`,
    params.status && `with status ${TOKEN_STATUS_LABELS[params.status]}`,
  ].filter(Boolean).join(" ");
  return (
    <EmptyState
      title="No connectors match"
      action={
        <Link href="/" className={buttonClasses("secondary")}>
          Show all connectors
        </Link>
      }
    >
      No connector {what || "matches these filters"}. Change the search or the filters, or show all connectors.
    </EmptyState>
  );
}

/**
 * The live part of the dashboard: tiles, table and pagination. Data is polled from the route
 * handler every few seconds; countdowns tick every second on the client.
 */
export function LiveDashboard({ initial, params, isAdmin }: Props) {
  const { data, problem, clockOffsetMs, refresh } = useLiveDashboard(initial, dashboardQuery(params));
  const now = useTickingNow(Date.parse(initial.generatedAt), clockOffsetMs);
  const [notice, setNotice] = useState<ActionNotice | null>(null);

  if (data.totalConnectors === 0) return <NoConnectors isAdmin={isAdmin} />;

  const onAction = (next: ActionNotice) => {
    setNotice(next);
    void refresh();
  };

  return (
    <div className="space-y-4">
      <ProblemNote problem={problem} />
      <StatusTiles counts={data.counts} params={params} />
      {notice && <Notice notice={notice} onDismiss={() => setNotice(null)} />}
      {data.matching === 0 ? (
        <NoMatch params={params} />
      ) : (
        <>
          <DashboardTable rows={data.rows} params={{ ...params, page: data.page }} now={now} isAdmin={isAdmin} onAction={onAction} />
          <Pagination params={params} page={data.page} pageCount={data.pageCount} pageSize={data.pageSize} matching={data.matching} />
        </>
      )}
      {data.page !== params.page && (
        <p className="text-sm text-slate-600">
          Page {params.page} no longer exists; showing page {data.page}. <Link href={dashboardHref(params, { page: 1 })} className="underline">First page</Link>
        </p>
      )}
    </div>
  );
}
