"use client";

import { useSyncExternalStore } from "react";
import { useTheme } from "next-themes";
import * as RadioGroup from "@radix-ui/react-radio-group";
import { Monitor, Moon, Sun, type LucideIcon } from "lucide-react";

const CHOICES: { value: string; label: string; Icon: LucideIcon }[] = [
  { value: "system", label: "System", Icon: Monitor },
  { value: "light", label: "Light", Icon: Sun },
  { value: "dark", label: "Dark", Icon: Moon },
];

const noSubscription = () => () => {};

/** True only after hydration: the stored theme is unknown on the server. */
function useMounted(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/**
 * The "Theme" radio group (System, Light, Dark) in the console header.
 * Until mounted nothing is checked, so the server HTML and the first client render agree;
 * the choice appears as soon as next-themes has read it from localStorage.
 */
export function ThemeSwitch({ className = "" }: { className?: string }) {
  const { theme, setTheme } = useTheme();
  const mounted = useMounted();
  return (
    <RadioGroup.Root
      aria-label="Theme"
      orientation="horizontal"
      value={mounted ? (theme ?? "system") : ""}
      onValueChange={setTheme}
      className={`inline-flex items-center gap-0.5 rounded-md border border-border bg-card p-0.5 ${className}`}
    >
      {CHOICES.map(({ value, label, Icon }) => (
        <RadioGroup.Item
          key={value}
          value={value}
          aria-label={label}
          title={label}
          className="rounded p-1.5 text-muted-foreground hover:bg-accent hover:text-accent-foreground focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring data-[state=checked]:bg-primary-muted data-[state=checked]:text-primary"
        >
          <Icon aria-hidden className="size-4" />
        </RadioGroup.Item>
      ))}
    </RadioGroup.Root>
  );
}
