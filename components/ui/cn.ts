import { twMerge } from "tailwind-merge";

type ClassValue = string | false | null | undefined;

/**
 * Joins class names, letting later Tailwind utilities win over earlier ones
 * (`cn("px-3", "px-4")` → `"px-4"`), so a caller's `className` can override a variant.
 */
export function cn(...classes: ClassValue[]): string {
  return twMerge(classes.filter(Boolean).join(" "));
}
