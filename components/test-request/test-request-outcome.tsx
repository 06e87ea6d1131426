import type { TestRequestResult } from "@/lib/proxy/test-request";

function statusTone(status: number): string {
  if (status < 300) return "bg-emerald-100 text-emerald-900";
  if (status < 400) return "bg-sky-100 text-sky-900";
  return "bg-red-100 text-red-900";
}

/** What came back from a test request (already redacted on the server). */
export function TestRequestOutcome({ outcome }: { outcome: TestRequestResult }) {
  if (!outcome.ok) {
    return (
      <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
        <p className="font-medium">
          Not sent: <code>{outcome.error}</code>
        </p>
        <p className="mt-1">{outcome.message}</p>
      </div>
    );
  }
  return (
    <div role="status" aria-live="polite" className="space-y-3 text-sm">
      <p className="flex flex-wrap items-center gap-3">
        <span className={`rounded px-2 py-0.5 font-mono font-semibold ${statusTone(outcome.status)}`}>HTTP {outcome.status}</span>
        <span>{outcome.durationMs} ms</span>
        {outcome.retried && <span className="text-slate-700">Renewed the token after a 401 and retried once.</span>}
      </p>
      <p className="break-all font-mono text-xs text-slate-700">{outcome.url}</p>
      <details>
        <summary className="cursor-pointer font-medium">Response headers ({outcome.headers.length})</summary>
        <dl className="mt-2 grid grid-cols-[minmax(8rem,auto)_1fr] gap-x-4 gap-y-1 font-mono text-xs">
          {outcome.headers.map(([name, value], index) => (
            <div key={`${name}-${index}`} className="contents">
              <dt className="text-slate-600">{name}</dt>
              <dd className="break-all">{value}</dd>
            </div>
          ))}
        </dl>
      </details>
      <div>
        <h3 className="font-medium">Body{outcome.bodyTruncated && " (first 256 KiB)"}</h3>
        <pre className="mt-1 max-h-96 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
          <code>{outcome.body === "" ? "(empty)" : outcome.body}</code>
        </pre>
      </div>
    </div>
  );
}
