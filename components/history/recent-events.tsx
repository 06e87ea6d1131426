import Link from "next/link";
import { readConnectorEvents } from "@/lib/history/page-data";
import { EventTimeline } from "./event-timeline";
import { Card } from "@/components/ui/card";

const RECENT = 5;

/** The Overview's last few events, with the way to the full History tab. A server component. */
export async function RecentEvents({ connectorId, historyHref }: { connectorId: string; historyHref: string }) {
  const events = await readConnectorEvents(connectorId, RECENT);
  return (
    <Card asChild className="space-y-3">
      <section aria-labelledby="recent-events-heading">
        <h2 id="recent-events-heading" className="text-base font-semibold">
          Recent events
        </h2>
        <EventTimeline events={events} now={new Date()} />
        <Link href={historyHref} className="inline-block text-sm font-medium text-primary underline">
          View full history
        </Link>
      </section>
    </Card>
  );
}
