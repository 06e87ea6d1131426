"use client";

import Link from "next/link";
import { useState } from "react";
import { dashboardHref, dashboardQuery, type DashboardParams } from "@/lib/dashboard/links";
import type { DashboardData } from "@/lib/dashboard/queries";
import { TOKEN_STATUS_LABELS } from "@/lib/tokens/status";
import { grantTypeLabel } from "@/components/connectors/labels";
import { EmptyState } from "@/components/ui/empty-state";
import { Button } from "@/components/ui/button";
import { DashboardTable } from "./dashboard-table";
import { Pagination } from "./pagination";
import type { ActionNotice } from "./row-actions";
import { StatusTiles } from "./status-tiles";
import { useLiveDashboard, useTickingNow, type LiveProblem } from "./use-live-dashboard";
import { Alert } from "@/components/ui/alert";

interface Props {
  initial: DashboardData;
  params: DashboardParams;
  isAdmin: boolean;
}

function ProblemNote({ problem }: { problem: LiveProblem }) {
  if (problem === "signed_out") {
    return (
      <Alert tone="warning" role="alert">
        Your session has ended, so the statuses below no longer update.{" "}
        <a href="/sign-in" className="font-medium underline">
          Sign in again
        </a>
      </Alert>
    );
  }
  if (problem === "unreachable") {
    return <Alert tone="warning">Latchkey is not answering; the statuses below may be out of date. Retrying every few seconds.</Alert>;
  }
  return null;
}

function Notice({ notice, onDismiss }: { notice: ActionNotice; onDismiss: () => void }) {
  return (
    <Alert tone={notice.tone === "success" ? "success" : "destructive"}>
      <div className="flex flex-wrap items-center gap-3">
        <span>{notice.text}</span>
        {notice.href && (
          <Link href={notice.href} className="font-medium underline">
            Details
          </Link>
        )}
        <Button variant="ghost" size="sm" className="ml-auto text-inherit" onClick={onDismiss}>
          Dismiss
        </Button>
      </div>
    </Alert>
  );
}

function NoConnectors({ isAdmin }: { isAdmin: boolean }) {
  return (
    <EmptyState
      title="No connectors yet"
      action={
        isAdmin ? (
          <Button asChild>
            <Link href="/connectors/new">Set up a connector</Link>
          </Button>
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
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <EmptyState
      title="No connectors match"
      action={
        <Button asChild variant="secondary">
          <Link href="/">Show all connectors</Link>
        </Button>
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
        <p className="text-sm text-muted-foreground">
          Page {params.page} no longer exists; showing page {data.page}.{" "}
          <Link href={dashboardHref(params, { page: 1 })} className="underline">
            First page
          </Link>
        </p>
      )}
    </div>
  );
}
