import type { RefreshStats } from "@/lib/history/queries";

const BAR = 8;
const GAP = 2;
const HEIGHT = 60;

function dayText(day: RefreshStats["days"][number]): string {
  return `${day.date}: ${day.successes} succeeded, ${day.failures} failed`;
}

/**
 * Refresh outcomes per day for the last 30 days, as inline SVG: a stacked bar per day (successes
 * green at the bottom, failures red on top), a `<title>` per day, a text summary, and the numbers
 * as a table for anyone who prefers them. No chart library.
 */
export function RefreshChart({ stats, headingId }: { stats: RefreshStats; headingId: string }) {
  const max = Math.max(1, ...stats.days.map((d) => d.successes + d.failures));
  const failingDays = stats.days.filter((d) => d.failures > 0).length;
  const summary =
    stats.successes + stats.failures === 0
      ? "No refreshes in the last 30 days."
      : `Last 30 days: ${stats.successes} refresh${stats.successes === 1 ? "" : "es"} succeeded, ${stats.failures} failed${failingDays ? ` (on ${failingDays} day${failingDays === 1 ? "" : "s"})` : ""}.`;
  const width = stats.days.length * (BAR + GAP) - GAP;
  const scale = (n: number) => (n / max) * HEIGHT;
  return (
    <figure className="space-y-2">
      <svg
        role="img"
        aria-labelledby={`${headingId}-title ${headingId}-desc`}
        viewBox={`0 0 ${width} ${HEIGHT}`}
        preserveAspectRatio="none"
        className="h-20 w-full max-w-xl"
      >
        <title id={`${headingId}-title`}>Token refreshes per day</title>
        <desc id={`${headingId}-desc`}>{summary}</desc>
        <line x1={0} x2={width} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} className="stroke-border" strokeWidth={1} />
        {stats.days.map((day, i) => {
          const x = i * (BAR + GAP);
          const ok = scale(day.successes);
          const failed = scale(day.failures);
          return (
            <g key={day.date}>
              <title>{dayText(day)}</title>
              {/* A full-height transparent target, so every day shows its title on hover. */}
              <rect x={x} y={0} width={BAR} height={HEIGHT} fill="transparent" />
              {ok > 0 && <rect x={x} y={HEIGHT - ok} width={BAR} height={ok} className="fill-success" />}
              {failed > 0 && <rect x={x} y={HEIGHT - ok - failed} width={BAR} height={failed} className="fill-danger" />}
            </g>
          );
        })}
      </svg>
      <figcaption className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-muted-foreground">
        <span>{summary}</span>
        <span className="inline-flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-2.5 w-2.5 rounded-sm bg-success" /> Succeeded
        </span>
        <span className="inline-flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-2.5 w-2.5 rounded-sm bg-danger" /> Failed
        </span>
        <span className="text-xs text-muted-foreground">
          {stats.days[0]?.date} to {stats.days.at(-1)?.date} (UTC); highest day: {max}
        </span>
      </figcaption>
      <details className="text-sm">
        <summary className="cursor-pointer text-muted-foreground">Refreshes per day as a table</summary>
        <table className="mt-2 text-left text-xs">
          <caption className="sr-only">Refreshes per day, last 30 days</caption>
          <thead>
            <tr>
              <th scope="col" className="pr-4 font-medium">
                Day (UTC)
              </th>
              <th scope="col" className="pr-4 font-medium">
                Succeeded
              </th>
              <th scope="col" className="font-medium">
                Failed
              </th>
            </tr>
          </thead>
          <tbody>
            {stats.days.map((day) => (
              <tr key={day.date}>
                <th scope="row" className="pr-4 font-normal tabular-nums">
                  {day.date}
                </th>
                <td className="pr-4 tabular-nums">{day.successes}</td>
                <td className="tabular-nums">{day.failures}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
