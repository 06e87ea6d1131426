import { Slot } from "@radix-ui/react-slot";
import { cva, type VariantProps } from "class-variance-authority";
import type { ComponentProps } from "react";
import { cn } from "./cn";

export const cardVariants = cva("rounded-lg border border-border bg-card text-card-foreground", {
  variants: {
    padding: { none: "", sm: "p-3", md: "p-4", lg: "p-6" },
  },
  defaultVariants: { padding: "md" },
});

type CardProps = ComponentProps<"div"> &
  VariantProps<typeof cardVariants> & {
    /** Render the single child (a <section>, <form>, <details>…) as the card. */
    asChild?: boolean;
  };

/** A bordered panel on the card colour. Children lay themselves out; CardHeader/Content/Footer help. */
export function Card({ padding, asChild = false, className, ...props }: CardProps) {
  const Component = asChild ? Slot : "div";
  return <Component className={cn(cardVariants({ padding }), className)} {...props} />;
}

export function CardHeader({ className, ...props }: ComponentProps<"div">) {
  return <div className={cn("mb-4 space-y-1", className)} {...props} />;
}

/** A heading, h2 unless `as` says otherwise: the level follows the page's outline, not the look. */
export function CardTitle({ as: Heading = "h2", className, ...props }: ComponentProps<"h2"> & { as?: "h2" | "h3" | "h4" }) {
  return <Heading className={cn("text-base font-semibold", className)} {...props} />;
}

export function CardDescription({ className, ...props }: ComponentProps<"p">) {
  return <p className={cn("text-sm text-muted-foreground", className)} {...props} />;
}

export function CardContent({ className, ...props }: ComponentProps<"div">) {
  return <div className={cn("space-y-4", className)} {...props} />;
}

export function CardFooter({ className, ...props }: ComponentProps<"div">) {
  return <div className={cn("mt-4 flex flex-wrap items-center gap-2", className)} {...props} />;
}
