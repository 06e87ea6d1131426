import type { ReactNode } from "react";

/** The centred card used by the pages shown before sign-in. */
export function AuthCard({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-sm font-semibold tracking-wide text-indigo-700">Latchkey</p>
        <h1 className="mt-1 text-xl font-semibold text-slate-900">{title}</h1>
        {description && <p className="mt-2 text-sm text-slate-700">{description}</p>}
        <div className="mt-6">{children}</div>
      </div>
    </main>
  );
}
