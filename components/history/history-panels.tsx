import { readConnectorEvents, readRefreshStats } from "@/lib/history/page-data";
import { EventTimeline } from "./event-timeline";
import { RefreshChart } from "./refresh-chart";

const EVENT_LIMIT = 50;

/**
 * The History tab's two slow parts, each an async server component that reads its own data, so
 * each streams in behind its own <Suspense> (components/history/connector-history.tsx).
 */
export async function RefreshChartPanel({ connectorId, headingId }: { connectorId: string; headingId: string }) {
  const stats = await readRefreshStats(connectorId, new Date());
  return <RefreshChart stats={stats} headingId={headingId} />;
}

export async function EventTimelinePanel({ connectorId }: { connectorId: string }) {
  const events = await readConnectorEvents(connectorId, EVENT_LIMIT);
  return <EventTimeline events={events} now={new Date()} limit={EVENT_LIMIT} />;
}
