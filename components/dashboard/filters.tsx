import Form from "next/form";
import Link from "next/link";
import type { DashboardParams } from "@/lib/dashboard/params";
import { MAX_SEARCH_LENGTH } from "@/lib/dashboard/params";
import { TOKEN_STATUSES, TOKEN_STATUS_LABELS } from "@/lib/tokens/status";
import { GRANT_TYPE_OPTIONS } from "@/components/connectors/labels";
import { inputClasses } from "@/components/ui/field";
import { buttonClasses } from "@/components/ui/button";

const SORT_OPTIONS = [
  { value: "expiry", label: "Expiry, soonest first" },
  { value: "expiry_desc", label: "Expiry, latest first" },
  { value: "name", label: "Name, A to Z" },
  { value: "name_desc", label: "Name, Z to A" },
] as const;

const labelClasses = "block text-sm font-medium text-slate-900";

/**
 * Search, filters and sort as a GET form: the URL holds the state (shareable, works without
 * JavaScript); next/form turns the submission into a client-side navigation.
 */
export function DashboardFilters({ params }: { params: DashboardParams }) {
  const filtered = Boolean(params.q || params.status || params.grant || params.sort !== "expiry");
  return (
    <Form action="/" role="search" aria-label="Search and filter connectors" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
      <div className="min-w-48 flex-1 space-y-1">
        <label htmlFor="dashboard-q" className={labelClasses}>
          Search by name
        </label>
        <input id="dashboard-q" name="q" type="search" defaultValue={params.q} maxLength={MAX_SEARCH_LENGTH} autoComplete="off" className={inputClasses} />
      </div>
      <div className="space-y-1">
        <label htmlFor="dashboard-status" className={labelClasses}>
          Status
        </label>
        <select id="dashboard-status" name="status" defaultValue={params.status ?? ""} className={inputClasses}>
          <option value="">Any status</option>
          {TOKEN_STATUSES.map((status) => (
            <option key={status} value={status}>
              {TOKEN_STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="dashboard-grant" className={labelClasses}>
          Grant type
        </label>
        <select id="dashboard-grant" name="grant" defaultValue={params.grant ?? ""} className={inputClasses}>
          <option value="">Any grant type</option>
          {GRANT_TYPE_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="dashboard-sort" className={labelClasses}>
          Sort by
        </label>
        <select id="dashboard-sort" name="sort" defaultValue={params.sort} className={inputClasses}>
          {SORT_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <div className="flex gap-2">
        <button type="submit" className={buttonClasses()}>
          Apply
        </button>
        {filtered && (
          <Link href="/" className={buttonClasses("ghost")}>
            Clear
          </Link>
        )}
      </div>
    </Form>
  );
}
