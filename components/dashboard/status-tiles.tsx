import Link from "next/link";
import { dashboardHref, type DashboardParams } from "@/lib/dashboard/params";
import { TOKEN_STATUSES, TOKEN_STATUS_LABELS, type TokenStatus } from "@/lib/tokens/status";
import { STATUS_COLOURS } from "./status-badge";

const tileClasses = "flex h-full flex-col rounded-lg border bg-white px-3 py-2 text-sm hover:border-indigo-400 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";

/**
 * One tile per status with its count; each is a link that filters the table by that status
 * (the search and grant type are kept; choosing the current status again clears it).
 */
export function StatusTiles({ counts, params }: { counts: Record<TokenStatus, number>; params: DashboardParams }) {
  const total = TOKEN_STATUSES.reduce((sum, status) => sum + counts[status], 0);
  return (
    <nav aria-label="Filter by status">
      {/* "All" plus nine statuses: two even rows of five on wider screens. */}
      <ul className="grid grid-cols-2 gap-2 sm:grid-cols-5">
        <li>
          <Link href={dashboardHref(params, { status: undefined, page: 1 })} aria-current={params.status ? undefined : "true"} className={`${tileClasses} ${params.status ? "border-slate-200" : "border-indigo-500 ring-2 ring-indigo-200"}`}>
            <span className="text-2xl font-semibold tabular-nums">{total}</span> <span className="text-slate-700">All</span>
          </Link>
        </li>
        {TOKEN_STATUSES.map((status) => {
          const current = params.status === status;
          return (
            <li key={status}>
              <Link
                href={dashboardHref(params, { status: current ? undefined : status, page: 1 })}
                aria-current={current ? "true" : undefined}
                className={`${tileClasses} ${current ? "border-indigo-500 ring-2 ring-indigo-200" : "border-slate-200"}`}
              >
                <span className="text-2xl font-semibold tabular-nums">{counts[status]}</span>{" "}
                <span className={`mt-1 self-start rounded-full border px-2 py-0.5 text-xs font-medium ${STATUS_COLOURS[status]}`}>{TOKEN_STATUS_LABELS[status]}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
