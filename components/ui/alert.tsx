import { cva, type VariantProps } from "class-variance-authority";
import { CircleAlert, CircleCheck, Info, TriangleAlert } from "lucide-react";
import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

export const alertVariants = cva("flex gap-2 rounded-md border px-3 py-2 text-sm", {
  variants: {
    tone: {
      info: "border-info-border bg-info-muted text-info",
      success: "border-success-border bg-success-muted text-success",
      warning: "border-warning-border bg-warning-muted text-warning",
      destructive: "border-danger-border bg-danger-muted text-danger",
      neutral: "border-border bg-muted text-foreground",
    },
  },
  defaultVariants: { tone: "info" },
});

type Tone = NonNullable<VariantProps<typeof alertVariants>["tone"]>;

const ICONS = { info: Info, success: CircleCheck, warning: TriangleAlert, destructive: CircleAlert, neutral: Info } as const;

type AlertProps = Omit<ComponentProps<"div">, "title"> & {
  tone?: Tone;
  /** A bold first line. */
  title?: ReactNode;
  /** false hides the tone's icon (it is decorative either way). */
  icon?: boolean;
};

/**
 * A notice banner. Its role follows the tone unless given: errors are role="alert" (announced at
 * once), everything else role="status" (announced politely). Pass role="note" for a notice that
 * is part of the page rather than news.
 */
export function Alert({ tone = "info", title, icon = true, role, className, children, ...props }: AlertProps) {
  const Icon = ICONS[tone];
  return (
    <div role={role ?? (tone === "destructive" ? "alert" : "status")} className={cn(alertVariants({ tone }), className)} {...props}>
      {icon && <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />}
      <div className="min-w-0 flex-1 space-y-1">
        {title && <p className="font-medium">{title}</p>}
        {children}
      </div>
    </div>
  );
}
