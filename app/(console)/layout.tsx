import type { ReactNode } from "react";
import Image from "next/image";
import { requirePageSession } from "@/lib/auth/session";
import { NavLink } from "@/components/shell/nav-link";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { ThemeSwitch } from "@/components/theme/theme-switch";
import { Toaster } from "@/components/ui/toaster";
import { Badge } from "@/components/ui/badge";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  // Each page checks the session again: layouts are not re-run on every navigation. Within one
  // request the layout and the page share a single lookup (React cache, lib/auth/session.ts).
  const { user } = await requirePageSession();
  return (
    <div className="min-h-screen">
      <header className="border-b border-border bg-card">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3">
          <span className="flex items-center gap-2 text-base font-semibold text-primary">
            {/* Decorative: the wordmark beside it names the app. */}
            <Image src="/latchkey-mark.svg" alt="" aria-hidden="true" width={20} height={20} loading="eager" />
            Latchkey
          </span>
          <nav aria-label="Main" className="flex gap-1">
            <NavLink href="/">Dashboard</NavLink>
            <NavLink href="/connectors">Connectors</NavLink>
            <NavLink href="/settings">Settings</NavLink>
            <NavLink href="/api-docs">API</NavLink>
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm text-muted-foreground">
            <span>
              {user.email} <Badge className="uppercase">{user.role}</Badge>
            </span>
            <ThemeSwitch />
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
      <Toaster />
    </div>
  );
}
