import Link from "next/link";
import { dashboardHref, type DashboardParams, type DashboardSort } from "@/lib/dashboard/links";
import type { DashboardRow } from "@/lib/dashboard/queries";
import { accessMethodLabel } from "@/components/connectors/labels";
import { absoluteTime } from "@/components/tokens/relative-time";
import { StatusWithReason } from "@/components/tokens/status-with-reason";
import { countdown } from "./countdown";
import { RowActions, type ActionNotice } from "./row-actions";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ConnectorLink } from "@/components/connectors/connector-link";

interface Props {
  rows: DashboardRow[];
  params: DashboardParams;
  /** Client clock (ms), ticking every second. */
  now: number;
  isAdmin: boolean;
  onAction: (notice: ActionNotice) => void;
}

const cell = "px-2";
const none = <span className="text-muted-foreground">—</span>;

function Moment({ iso, now }: { iso: string; now: number }) {
  const at = new Date(iso);
  return (
    <time dateTime={iso} title={absoluteTime(at)} className="whitespace-nowrap tabular-nums">
      {countdown(at.getTime(), now)}
    </time>
  );
}

/** A column header that sorts by it: first choice ascending, then toggles. */
function SortHeader({ label, params, ascending, descending }: { label: string; params: DashboardParams; ascending: DashboardSort; descending: DashboardSort }) {
  const current = params.sort === ascending ? "ascending" : params.sort === descending ? "descending" : undefined;
  const next = params.sort === ascending ? descending : ascending;
  return (
    <TableHead aria-sort={current ?? "none"} className={cell}>
      <Link href={dashboardHref(params, { sort: next, page: 1 })} className="inline-flex items-center gap-1 underline-offset-2 hover:underline">
        {label}
        <span aria-hidden="true">{current === "ascending" ? "▲" : current === "descending" ? "▼" : ""}</span>
        <span className="sr-only">{current ? `, sorted ${current}` : ""}</span>
      </Link>
    </TableHead>
  );
}

function Expiry({ row, now }: { row: DashboardRow; now: number }) {
  if (!row.hasToken) return none;
  if (!row.expiresAt) return <span className="text-muted-foreground">Not stated</span>;
  return <Moment iso={row.expiresAt} now={now} />;
}

function Scopes({ row }: { row: DashboardRow }) {
  if (!row.hasToken) return none;
  if (!row.grantedScopes) return <span className="text-muted-foreground">Not stated</span>;
  if (row.grantedScopes.length === 0) return <span className="text-muted-foreground">None</span>;
  const all = row.grantedScopes.join(" ");
  return (
    <span title={all} className="line-clamp-3 break-words font-mono text-xs">
      {all}
    </span>
  );
}

export function DashboardTable({ rows, params, now, isAdmin, onAction }: Props) {
  return (
    <Table>
      <TableCaption>Connectors and the health of their tokens</TableCaption>
      <TableHeader>
        <TableRow>
          <SortHeader label="Name" params={params} ascending="name" descending="name_desc" />
          <TableHead className={cell}>Vendor host</TableHead>
          <TableHead className={cell}>Grant type</TableHead>
          <TableHead className={cell}>Status</TableHead>
          <SortHeader label="Expires" params={params} ascending="expiry" descending="expiry_desc" />
          <TableHead className={cell}>Last refreshed</TableHead>
          <TableHead className={cell}>Last error</TableHead>
          <TableHead className={cell}>Granted scopes</TableHead>
          {isAdmin && <TableHead className={`${cell} text-right`}>Actions</TableHead>}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            <TableHead scope="row" className={`${cell} min-w-32`}>
              <ConnectorLink id={row.id} name={row.name} />
            </TableHead>
            <TableCell className={`${cell} min-w-28 max-w-40 font-mono text-xs [overflow-wrap:anywhere]`}>{row.vendorHost || none}</TableCell>
            <TableCell className={cell}>{accessMethodLabel(row.grantType, row.credentialType)}</TableCell>
            <TableCell className={`${cell} min-w-36 max-w-52`}>
              <StatusWithReason summary={row.summary} now={now} />
            </TableCell>
            <TableCell className={cell}>
              <Expiry row={row} now={now} />
            </TableCell>
            <TableCell className={cell}>{row.lastRefreshedAt ? <Moment iso={row.lastRefreshedAt} now={now} /> : none}</TableCell>
            <TableCell className={`${cell} min-w-28 max-w-32`}>
              {row.lastErrorCode ? (
                <Badge tone="danger" className="inline-block max-w-full font-mono [overflow-wrap:anywhere]">
                  {row.lastErrorCode}
                </Badge>
              ) : (
                none
              )}
            </TableCell>
            <TableCell className={`${cell} max-w-44`}>
              <Scopes row={row} />
            </TableCell>
            {isAdmin && (
              <TableCell className={`${cell} text-right`}>
                <RowActions row={row} onDone={onAction} />
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
