import { cva, type VariantProps } from "class-variance-authority";
import type { ComponentProps } from "react";
import { cn } from "./cn";
import { inputClasses } from "./form-field";

/*
 * Why a NATIVE <select>, not Radix Select:
 * - it works before hydration: the Vendor chooser and the dashboard's GET filter form are usable
 *   while (or without) JavaScript loading;
 * - it brings the platform's keyboard behaviour and the mobile OS picker;
 * - no JavaScript weight, which the page-weight targets of the dashboard and connector pages need;
 * - Radix Select hides the real control behind a button and a listbox, so forms (FormData,
 *   react-hook-form `register`) and tests (`selectOption`) no longer see a <select>.
 * The look comes from the same classes as the other text controls.
 */
export const selectVariants = cva(inputClasses, {
  variants: {
    size: { md: "", sm: "py-1 text-sm" },
  },
  defaultVariants: { size: "md" },
});

export type SelectProps = Omit<ComponentProps<"select">, "size"> & VariantProps<typeof selectVariants>;

/** A styled native select. Takes `ref`, so react-hook-form's `register` spreads onto it. */
export function Select({ size, className, ...props }: SelectProps) {
  return <select className={cn(selectVariants({ size }), className)} {...props} />;
}
