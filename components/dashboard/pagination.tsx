import Link from "next/link";
import { dashboardHref, type DashboardParams } from "@/lib/dashboard/params";

const linkClasses = "rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-900 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600";

export function Pagination({ params, page, pageCount, pageSize, matching }: { params: DashboardParams; page: number; pageCount: number; pageSize: number; matching: number }) {
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(matching, page * pageSize);
  const format = (n: number) => n.toLocaleString("en");
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-700">
      <p>
        Showing {format(first)}–{format(last)} of {format(matching)} connector{matching === 1 ? "" : "s"}
      </p>
      {pageCount > 1 && (
        <div className="flex items-center gap-2">
          {page > 1 && (
            <Link href={dashboardHref(params, { page: page - 1 })} className={linkClasses}>
              Previous
            </Link>
          )}
          <span>
            Page {format(page)} of {format(pageCount)}
          </span>
          {page < pageCount && (
            <Link href={dashboardHref(params, { page: page + 1 })} className={linkClasses}>
              Next
            </Link>
          )}
        </div>
      )}
    </nav>
  );
}
