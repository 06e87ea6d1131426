import type { ReactNode } from "react";
import { cn } from "./cn";

/** A grey pulsing block standing in for content that is on its way. Decorative: hidden from assistive technology. */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cn("animate-pulse rounded-md bg-muted motion-reduce:animate-none", className)} />;
}

/**
 * Wraps skeleton blocks: the region says it is busy, and a visually hidden status line says what
 * is loading (outside the busy region, so screen readers announce it rather than wait).
 */
export function LoadingRegion({ label = "Loading…", className, children }: { label?: string; className?: string; children: ReactNode }) {
  return (
    <>
      <p role="status" className="sr-only">
        {label}
      </p>
      <div aria-busy="true" className={className}>
        {children}
      </div>
    </>
  );
}
