import type { Metadata } from "next";
import { requirePageSession } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { dashboardQuery, parseDashboardParams } from "@/lib/dashboard/params";
import { getDashboard } from "@/lib/dashboard/queries";
import { PageHeader } from "@/components/ui/page-header";
import { DashboardFilters } from "@/components/dashboard/filters";
import { LiveDashboard } from "@/components/dashboard/live-dashboard";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Token health for every connector: counts per status, then a searchable, sortable, paged table that updates live. */
export default async function DashboardPage({ searchParams }: Props) {
  const { user } = await requirePageSession();
  const params = parseDashboardParams(await searchParams);
  const data = await getDashboard(getDb(), params, new Date());
  const query = dashboardQuery(params);
  return (
    <>
      <PageHeader title="Dashboard" description="Is every connector able to sync? Token health at a glance, updated live." />
      <div className="space-y-4">
        {data.totalConnectors > 0 && <DashboardFilters key={`filters-${query}`} params={params} />}
        <LiveDashboard key={`live-${query}`} initial={data} params={params} isAdmin={user.role === "admin"} />
      </div>
    </>
  );
}
