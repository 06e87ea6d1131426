"use client";

import * as TabsPrimitive from "@radix-ui/react-tabs";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ComponentProps } from "react";
import { cn } from "./cn";

/*
 * Two kinds of tabs:
 * - Tabs/TabsList/TabsTrigger/TabsContent: in-page panels (Radix Tabs: roving focus, arrow keys,
 *   role=tablist/tab/tabpanel) for content that has no URL of its own.
 * - TabNav: a nav of links for sections that each have a URL, so a link can point at one. Links,
 *   not role=tab: each is a navigation, and aria-current="page" marks where you are.
 */

export const Tabs = TabsPrimitive.Root;

export function TabsList({ className, ...props }: ComponentProps<typeof TabsPrimitive.List>) {
  return <TabsPrimitive.List className={cn("flex gap-1 border-b border-border", className)} {...props} />;
}

const tabClasses = "-mb-px border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring";

export function TabsTrigger({ className, ...props }: ComponentProps<typeof TabsPrimitive.Trigger>) {
  return (
    <TabsPrimitive.Trigger
      className={cn(
        tabClasses,
        "border-transparent text-muted-foreground hover:text-foreground data-[state=active]:border-primary data-[state=active]:text-foreground",
        className,
      )}
      {...props}
    />
  );
}

export function TabsContent({ className, ...props }: ComponentProps<typeof TabsPrimitive.Content>) {
  return <TabsPrimitive.Content className={cn("pt-4", className)} {...props} />;
}

export interface TabNavItem {
  href: string;
  label: string;
}

/** URL tabs: the link whose href is the current path gets aria-current="page". */
export function TabNav({ label, tabs, className }: { label: string; tabs: TabNavItem[]; className?: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className={cn("border-b border-border", className)}>
      <ul className="flex flex-wrap gap-1">
        {tabs.map((tab) => {
          const current = pathname === tab.href;
          return (
            <li key={tab.href}>
              <Link
                href={tab.href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  tabClasses,
                  "inline-block",
                  current ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:border-border hover:text-foreground",
                )}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
