"use client";

import type { ReactNode } from "react";
import { ThemeProvider as NextThemesProvider } from "next-themes";

/**
 * Dark mode is the `dark` class on <html> (see `@custom-variant dark` in app/globals.css),
 * following the system until the user picks a theme with the Theme switch.
 * next-themes sets the class from an inline script before first paint (no flash); under the
 * Content Security Policy that script needs the request's nonce, which the root layout passes in.
 */
export function ThemeProvider({ nonce, children }: { nonce?: string; children: ReactNode }) {
  return (
    <NextThemesProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={nonce}>
      {children}
    </NextThemesProvider>
  );
}
