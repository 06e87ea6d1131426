import Link from "next/link";
import { dashboardHref, type DashboardParams } from "@/lib/dashboard/links";
import { TOKEN_STATUSES, type TokenStatus } from "@/lib/tokens/status";
import { StatusBadge } from "./status-badge";
import { cardVariants } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";

const tileClasses = cardVariants({
  padding: "none",
  className: "flex h-full flex-col px-3 py-2 text-sm hover:border-primary focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
});

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
          <Link
            href={dashboardHref(params, { status: undefined, page: 1 })}
            aria-current={params.status ? undefined : "true"}
            className={cn(tileClasses, !params.status && "border-primary ring-2 ring-primary/30")}
          >
            <span className="text-2xl font-semibold tabular-nums">{total}</span> <span className="text-muted-foreground">All</span>
          </Link>
        </li>
        {TOKEN_STATUSES.map((status) => {
          const current = params.status === status;
          return (
            <li key={status}>
              <Link
                href={dashboardHref(params, { status: current ? undefined : status, page: 1 })}
                aria-current={current ? "true" : undefined}
                className={cn(tileClasses, current && "border-primary ring-2 ring-primary/30")}
              >
                <span className="text-2xl font-semibold tabular-nums">{counts[status]}</span> <StatusBadge status={status} className="mt-1 self-start" />
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
