"use client";

import { useEffect, type ReactNode } from "react";

/**
 * A one-time note carried by a query flag (`?created=1`): shown once, and the flag is removed
 * from the address so a reload or a shared link does not repeat it.
 */
export function FlashNote({ param, tone = "success", children }: { param: string; tone?: "success" | "info"; children: ReactNode }) {
  useEffect(() => {
    const url = new URL(window.location.href);
    if (!url.searchParams.has(param)) return;
    url.searchParams.delete(param);
    window.history.replaceState(null, "", `${url.pathname}${url.search}${url.hash}`);
  }, [param]);
  const colours = tone === "success" ? "border-emerald-200 bg-emerald-50 text-emerald-950" : "border-amber-200 bg-amber-50 text-amber-950";
  return (
    <div role="status" className={`mb-4 rounded-md border px-3 py-2 text-sm ${colours}`}>
      {children}
    </div>
  );
}
