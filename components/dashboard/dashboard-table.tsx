import Link from "next/link";
import { dashboardHref, type DashboardParams, type DashboardSort } from "@/lib/dashboard/params";
import type { DashboardRow } from "@/lib/dashboard/queries";
import { accessMethodLabel } from "@/components/connectors/labels";
import { absoluteTime } from "@/components/tokens/relative-time";
import { StatusWithReason } from "@/components/tokens/status-with-reason";
import { countdown } from "./countdown";
import { RowActions, type ActionNotice } from "./row-actions";

interface Props {
  rows: DashboardRow[];
  params: DashboardParams;
  /** Client clock (ms), ticking every second. */
  now: number;
  isAdmin: boolean;
  onAction: (notice: ActionNotice) => void;
}

const cell = "px-2 py-2 align-top";
const none = <span className="text-slate-500">—</span>;

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
    <th scope="col" aria-sort={current ?? "none"} className={`${cell} font-medium`}>
      <Link href={dashboardHref(params, { sort: next, page: 1 })} className="inline-flex items-center gap-1 underline-offset-2 hover:underline">
        {label}
        <span aria-hidden="true">{current === "ascending" ? "▲" : current === "descending" ? "▼" : ""}</span>
        <span className="sr-only">{current ? `, sorted ${current}` : ""}</span>
      </Link>
    </th>
  );
}

function Expiry({ row, now }: { row: DashboardRow; now: number }) {
  if (!row.hasToken) return none;
  if (!row.expiresAt) return <span className="text-slate-600">Not stated</span>;
  return <Moment iso={row.expiresAt} now={now} />;
}

function Scopes({ row }: { row: DashboardRow }) {
  if (!row.hasToken) return none;
  if (!row.grantedScopes) return <span className="text-slate-600">Not stated</span>;
  if (row.grantedScopes.length === 0) return <span className="text-slate-600">None</span>;
  const all = row.grantedScopes.join(" ");
  return (
    <span title={all} className="line-clamp-3 break-words font-mono text-xs">
      {all}
    </span>
  );
}

export function DashboardTable({ rows, params, now, isAdmin, onAction }: Props) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Connectors and the health of their tokens</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <SortHeader label="Name" params={params} ascending="name" descending="name_desc" />
            <th scope="col" className={`${cell} font-medium`}>Vendor host</th>
            <th scope="col" className={`${cell} font-medium`}>Grant type</th>
            <th scope="col" className={`${cell} font-medium`}>Status</th>
            <SortHeader label="Expires" params={params} ascending="expiry" descending="expiry_desc" />
            <th scope="col" className={`${cell} font-medium`}>Last refreshed</th>
            <th scope="col" className={`${cell} font-medium`}>Last error</th>
            <th scope="col" className={`${cell} font-medium`}>Granted scopes</th>
            {isAdmin && (
              <th scope="col" className={`${cell} text-right font-medium`}>
                Actions
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row" className={`${cell} min-w-32 font-medium`}>
                <Link href={`/connectors/${row.id}`} className="text-indigo-800 underline-offset-2 hover:underline">
                  {row.name}
                </Link>
              </th>
              <td className={`${cell} min-w-28 max-w-40 font-mono text-xs [overflow-wrap:anywhere]`}>{row.vendorHost || none}</td>
              <td className={cell}>{accessMethodLabel(row.grantType, row.credentialType)}</td>
              <td className={`${cell} min-w-36 max-w-52`}>
                <StatusWithReason summary={row.summary} now={now} />
              </td>
              <td className={cell}>
                <Expiry row={row} now={now} />
              </td>
              <td className={cell}>{row.lastRefreshedAt ? <Moment iso={row.lastRefreshedAt} now={now} /> : none}</td>
              <td className={`${cell} min-w-28 max-w-32`}>
                {row.lastErrorCode ? <span className="inline-block max-w-full rounded bg-red-100 px-1.5 py-0.5 font-mono text-xs text-red-900 [overflow-wrap:anywhere]">{row.lastErrorCode}</span> : none}
              </td>
              <td className={`${cell} max-w-44`}>
                <Scopes row={row} />
              </td>
              {isAdmin && (
                <td className={cell}>
                  <RowActions row={row} onDone={onAction} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
