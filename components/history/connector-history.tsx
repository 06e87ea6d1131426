import { Suspense } from "react";
import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";
import { EventTimelinePanel, RefreshChartPanel } from "./history-panels";
import { Card } from "@/components/ui/card";

/**
 * The connector's history: refreshes per day and the event timeline. The frame and headings
 * render at once; the chart (30 days of refreshes counted) and the timeline stream in when their
 * queries finish, each with a skeleton until then.
 */
export function ConnectorHistory({ connectorId }: { connectorId: string }) {
  return (
    <Card asChild className="space-y-5">
      <section aria-labelledby="history-heading">
        <h2 id="history-heading" className="text-base font-semibold">
          History
        </h2>
        <div className="space-y-2">
          <h3 id="refresh-chart-heading" className="text-sm font-medium text-foreground">
            Refreshes, last 30 days
          </h3>
          <Suspense
            fallback={
              <LoadingRegion label="Loading the refresh chart…" className="space-y-2">
                <Skeleton className="h-20 w-full max-w-xl" />
                <Skeleton className="h-4 w-2/3" />
              </LoadingRegion>
            }
          >
            <RefreshChartPanel connectorId={connectorId} headingId="refresh-chart-heading" />
          </Suspense>
        </div>
        <div className="space-y-2">
          <h3 className="text-sm font-medium text-foreground">Events</h3>
          <Suspense
            fallback={
              <LoadingRegion label="Loading the events…" className="space-y-3">
                {Array.from({ length: 4 }, (_, i) => (
                  <Skeleton key={i} className="h-10" />
                ))}
              </LoadingRegion>
            }
          >
            <EventTimelinePanel connectorId={connectorId} />
          </Suspense>
        </div>
      </section>
    </Card>
  );
}
