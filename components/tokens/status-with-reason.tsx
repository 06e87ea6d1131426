import { StatusBadge } from "@/components/dashboard/status-badge";
import { reauthorizationDueText, type StatusSummary } from "@/lib/tokens/status-summary";
import { absoluteTime, relativeTime } from "./relative-time";

interface Props {
  summary: StatusSummary;
  /** The instant the summary is read at. The live dashboard passes its server-corrected clock, so server and client render alike. */
  now: Date | number;
  /** Put on the label only, so a test can read the status without the explanation. */
  testId?: string;
}

function NextAttempt({ iso, now }: { iso: string; now: Date }) {
  const at = new Date(iso);
  return (
    <span className="block">
      Next attempt{" "}
      <time dateTime={iso} title={absoluteTime(at)}>
        {at <= now ? "due now" : relativeTime(at, now)}
      </time>
    </span>
  );
}

/**
 * A connector's status the same way on every page (dashboard, connectors list, connector page):
 * the label with its colour (lib/tokens/status.ts, never colour alone), then what explains it —
 * the last failed attempt's short reason and when the next automatic attempt runs — and, when
 * the refresh token's end is near, that re-authorization is due. No hooks, so server pages and
 * the client-side live dashboard both render it.
 */
export function StatusWithReason({ summary, now, testId }: Props) {
  const at = typeof now === "number" ? new Date(now) : now;
  const { failure } = summary;
  const due = reauthorizationDueText(summary.reauthorizationDueAt, at);
  return (
    <div className="space-y-1">
      <span data-testid={testId}>
        <StatusBadge status={summary.status} />
      </span>
      {failure && (
        <p className="text-xs text-muted-foreground [overflow-wrap:anywhere]">
          <span className="block">{failure.reason}</span>
          {failure.retryAt && <NextAttempt iso={failure.retryAt} now={at} />}
        </p>
      )}
      {due && <p className="text-xs font-medium text-warning">{due}</p>}
    </div>
  );
}
