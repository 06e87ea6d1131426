import type { TestRequestResult } from "@/lib/proxy/test-request";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";

function statusTone(status: number): BadgeTone {
  if (status < 300) return "success";
  if (status < 400) return "info";
  return "danger";
}

/** What came back from a test request (already redacted on the server). */
export function TestRequestOutcome({ outcome }: { outcome: TestRequestResult }) {
  if (!outcome.ok) {
    return (
      <Alert tone="destructive">
        <p className="font-medium">
          Not sent: <code>{outcome.error}</code>
        </p>
        <p>{outcome.message}</p>
      </Alert>
    );
  }
  return (
    <div role="status" aria-live="polite" className="space-y-3 text-sm">
      <p className="flex flex-wrap items-center gap-3">
        <Badge tone={statusTone(outcome.status)} className="px-2 font-mono text-sm font-semibold">
          HTTP {outcome.status}
        </Badge>
        <span>{outcome.durationMs} ms</span>
        {outcome.retried && <span className="text-muted-foreground">Renewed the token after a 401 and retried once.</span>}
      </p>
      <p className="break-all font-mono text-xs text-muted-foreground">{outcome.url}</p>
      <details>
        <summary className="cursor-pointer font-medium">Response headers ({outcome.headers.length})</summary>
        <dl className="mt-2 grid grid-cols-[minmax(8rem,auto)_1fr] gap-x-4 gap-y-1 font-mono text-xs">
          {outcome.headers.map(([name, value], index) => (
            <div key={`${name}-${index}`} className="contents">
              <dt className="text-muted-foreground">{name}</dt>
              <dd className="break-all">{value}</dd>
            </div>
          ))}
        </dl>
      </details>
      <div>
        <h3 className="font-medium">Body{outcome.bodyTruncated && " (first 256 KiB)"}</h3>
        <pre className="mt-1 max-h-96 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100 dark:border dark:border-border dark:bg-black">
          <code>{outcome.body === "" ? "(empty)" : outcome.body}</code>
        </pre>
      </div>
    </div>
  );
}
