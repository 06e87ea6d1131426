import type { ReactNode } from "react";
import { requirePageSession } from "@/lib/auth/session";
import { NavLink } from "@/components/shell/nav-link";
import { SignOutButton } from "@/components/shell/sign-out-button";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  // Each page checks the session again: layouts are not re-run on every navigation.
  const { user } = await requirePageSession();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3">
          <span className="text-base font-semibold text-indigo-800">Latchkey</span>
          <nav aria-label="Main" className="flex gap-1">
            <NavLink href="/">Dashboard</NavLink>
            <NavLink href="/connectors">Connectors</NavLink>
            <NavLink href="/settings">Settings</NavLink>
            <NavLink href="/api-docs">API</NavLink>
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm text-slate-700">
            <span>
              {user.email} <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs uppercase">{user.role}</span>
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </div>
  );
}
