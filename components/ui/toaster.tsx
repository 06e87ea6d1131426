"use client";

import { useTheme } from "next-themes";
import type { CSSProperties } from "react";
import { Toaster as Sonner } from "sonner";

// Sonner's own colour variables, pointed at the theme tokens so toasts match both themes.
const tokens = {
  "--normal-bg": "var(--popover)",
  "--normal-text": "var(--popover-foreground)",
  "--normal-border": "var(--border)",
} as CSSProperties;

/**
 * Where toasts appear (mounted once, in the console layout). Toasts are for outcomes with no
 * inline place, or whose page the user is leaving: `toast.success("Connector deleted")` from
 * `sonner`. They are announced politely by the region sonner renders ("Notifications").
 */
export function Toaster() {
  const { resolvedTheme } = useTheme();
  return <Sonner theme={resolvedTheme === "dark" ? "dark" : "light"} position="bottom-right" closeButton style={tokens} />;
}
