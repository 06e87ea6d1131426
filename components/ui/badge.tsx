import { cva, type VariantProps } from "class-variance-authority";
import type { ComponentProps } from "react";
import { cn } from "./cn";

export const badgeVariants = cva("inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium", {
  variants: {
    tone: {
      neutral: "bg-muted text-muted-foreground",
      primary: "bg-primary-muted text-primary",
      success: "bg-success-muted text-success",
      warning: "bg-warning-muted text-warning",
      danger: "bg-danger-muted text-danger",
      info: "bg-info-muted text-info",
    },
    outline: { true: "border", false: "" },
  },
  compoundVariants: [
    { outline: true, tone: "neutral", className: "border-border" },
    { outline: true, tone: "primary", className: "border-primary/40" },
    { outline: true, tone: "success", className: "border-success-border" },
    { outline: true, tone: "warning", className: "border-warning-border" },
    { outline: true, tone: "danger", className: "border-danger-border" },
    { outline: true, tone: "info", className: "border-info-border" },
  ],
  defaultVariants: { tone: "neutral", outline: false },
});

export type BadgeTone = NonNullable<VariantProps<typeof badgeVariants>["tone"]>;

/** A short label: a role, a status, an error code. Every tone's text meets AA on its background in both themes. */
export function Badge({ tone, outline, className, ...props }: ComponentProps<"span"> & VariantProps<typeof badgeVariants>) {
  return <span className={cn(badgeVariants({ tone, outline }), className)} {...props} />;
}
