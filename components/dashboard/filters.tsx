import Form from "next/form";
import Link from "next/link";
import type { DashboardParams } from "@/lib/dashboard/links";
import { MAX_SEARCH_LENGTH } from "@/lib/dashboard/links";
import { TOKEN_STATUSES, TOKEN_STATUS_LABELS } from "@/lib/tokens/status";
import { GRANT_TYPE_OPTIONS } from "@/components/connectors/labels";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/form-field";
import { Select } from "@/components/ui/select";
import { Card } from "@/components/ui/card";

const SORT_OPTIONS = [
  { value: "expiry", label: "Expiry, soonest first" },
  { value: "expiry_desc", label: "Expiry, latest first" },
  { value: "name", label: "Name, A to Z" },
  { value: "name_desc", label: "Name, Z to A" },
] as const;

const labelClasses = "block text-sm font-medium text-foreground";

/**
 * Search, filters and sort as a GET form: the URL holds the state (shareable, works without
 * JavaScript); next/form turns the submission into a client-side navigation.
 */
export function DashboardFilters({ params }: { params: DashboardParams }) {
  const filtered = Boolean(params.q || params.status || params.grant || params.sort !== "expiry");
  return (
    <Card asChild padding="sm" className="flex flex-wrap items-end gap-3">
      <Form action="/" role="search" aria-label="Search and filter connectors">
        <div className="min-w-48 flex-1 space-y-1">
          <label htmlFor="dashboard-q" className={labelClasses}>
            Search by name
          </label>
          <Input id="dashboard-q" name="q" type="search" defaultValue={params.q} maxLength={MAX_SEARCH_LENGTH} autoComplete="off" />
        </div>
        <div className="space-y-1">
          <label htmlFor="dashboard-status" className={labelClasses}>
            Status
          </label>
          <Select id="dashboard-status" name="status" defaultValue={params.status ?? ""}>
            <option value="">Any status</option>
            {TOKEN_STATUSES.map((status) => (
              <option key={status} value={status}>
                {TOKEN_STATUS_LABELS[status]}
              </option>
            ))}
          </Select>
        </div>
        <div className="space-y-1">
          <label htmlFor="dashboard-grant" className={labelClasses}>
            Grant type
          </label>
          <Select id="dashboard-grant" name="grant" defaultValue={params.grant ?? ""}>
            <option value="">Any grant type</option>
            {GRANT_TYPE_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </div>
        <div className="space-y-1">
          <label htmlFor="dashboard-sort" className={labelClasses}>
            Sort by
          </label>
          <Select id="dashboard-sort" name="sort" defaultValue={params.sort}>
            {SORT_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex gap-2">
          <Button type="submit">Apply</Button>
          {filtered && (
            <Button asChild variant="ghost">
              <Link href="/">Clear</Link>
            </Button>
          )}
        </div>
      </Form>
    </Card>
  );
}
