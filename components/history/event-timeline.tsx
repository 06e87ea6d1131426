import type { HistoryEvent } from "@/lib/history/queries";
import { absoluteTime, relativeTime } from "@/components/tokens/relative-time";
import { Badge } from "@/components/ui/badge";

/**
 * A connector's events, newest first: authorized, refreshed, refresh failed (with the error class
 * and a redacted excerpt), re-authorized, edited, disconnected — each with who and when.
 */
export function EventTimeline({ events, now, limit }: { events: HistoryEvent[]; now: Date; /** The page's cap: said when reached. */ limit?: number }) {
  if (events.length === 0) {
    return (
      <p className="text-sm text-muted-foreground">
        Nothing recorded yet. Authorize the connector (or use Get token for Client Credentials); every authorization, refresh, edit and disconnection will be
        listed here.
      </p>
    );
  }
  return (
    <>
      <ol className="space-y-3 border-l-2 border-border pl-4" aria-label="Events, newest first">
        {events.map((event) => (
          <li key={event.id} className="relative text-sm">
            <span
              aria-hidden="true"
              className={`absolute -left-[1.4rem] top-1.5 h-2.5 w-2.5 rounded-full ${event.outcome === "failure" ? "bg-danger" : "bg-success"}`}
            />
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-medium text-foreground">{event.label}</span>
              {event.outcome === "failure" && <Badge tone="danger">Failed</Badge>}
              {event.errorCode && <code className="rounded bg-muted px-1.5 py-0.5 text-xs text-foreground">{event.errorCode}</code>}
            </p>
            <p className="text-xs text-muted-foreground">
              {event.actor} ·{" "}
              <time dateTime={event.at.toISOString()} title={absoluteTime(event.at)}>
                {relativeTime(event.at, now)}
              </time>
            </p>
            {event.summary && <p className="mt-1 text-foreground">{event.summary}</p>}
            {event.excerpt && (
              <details className="mt-1">
                <summary className="cursor-pointer text-muted-foreground">Response excerpt (redacted)</summary>
                <pre className="mt-1 whitespace-pre-wrap break-all rounded bg-muted p-2 text-xs">{event.excerpt}</pre>
              </details>
            )}
          </li>
        ))}
      </ol>
      {limit !== undefined && events.length >= limit && <p className="mt-3 text-xs text-muted-foreground">Showing the latest {limit} events.</p>}
    </>
  );
}
