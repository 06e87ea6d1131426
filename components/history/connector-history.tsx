import { getDb } from "@/lib/db";
import { listConnectorEvents, refreshStats } from "@/lib/history/queries";
import { EventTimeline } from "./event-timeline";
import { RefreshChart } from "./refresh-chart";

const LIMIT = 50;

/** The connector page's history: refreshes per day and the event timeline. A server component. */
export async function ConnectorHistory({ connectorId }: { connectorId: string }) {
  const db = getDb();
  const now = new Date();
  const [events, stats] = await Promise.all([listConnectorEvents(db, connectorId, { limit: LIMIT }), refreshStats(db, connectorId, now)]);
  return (
    <section aria-labelledby="history-heading" className="space-y-5 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="history-heading" className="text-base font-semibold">
        History
      </h2>
      <div className="space-y-2">
        <h3 id="refresh-chart-heading" className="text-sm font-medium text-slate-900">
          Refreshes, last 30 days
        </h3>
        <RefreshChart stats={stats} headingId="refresh-chart-heading" />
      </div>
      <div className="space-y-2">
        <h3 className="text-sm font-medium text-slate-900">Events</h3>
        <EventTimeline events={events} now={now} limit={LIMIT} />
      </div>
    </section>
  );
}
