import Link from "next/link";
import { dashboardHref, type DashboardParams } from "@/lib/dashboard/links";
import { Button } from "@/components/ui/button";

export function Pagination({
  params,
  page,
  pageCount,
  pageSize,
  matching,
}: {
  params: DashboardParams;
  page: number;
  pageCount: number;
  pageSize: number;
  matching: number;
}) {
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(matching, page * pageSize);
  const format = (n: number) => n.toLocaleString("en");
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm text-muted-foreground">
      <p>
        Showing {format(first)}–{format(last)} of {format(matching)} connector{matching === 1 ? "" : "s"}
      </p>
      {pageCount > 1 && (
        <div className="flex items-center gap-2">
          {page > 1 && (
            <Button asChild variant="secondary" size="sm">
              <Link href={dashboardHref(params, { page: page - 1 })}>Previous</Link>
            </Button>
          )}
          <span>
            Page {format(page)} of {format(pageCount)}
          </span>
          {page < pageCount && (
            <Button asChild variant="secondary" size="sm">
              <Link href={dashboardHref(params, { page: page + 1 })}>Next</Link>
            </Button>
          )}
        </div>
      )}
    </nav>
  );
}
