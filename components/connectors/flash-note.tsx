"use client";

import { useEffect, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";

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
  return (
    <Alert tone={tone} className="mb-4">
      {children}
    </Alert>
  );
}
