"use client";

import * as Menu from "@radix-ui/react-dropdown-menu";
import { MoreHorizontal } from "lucide-react";
import { useRef, useState, type ComponentProps, type ReactNode, type Ref } from "react";
import { Button } from "./button";
import { cn } from "./cn";
import { Tooltip } from "./tooltip";

export const DropdownMenu = Menu.Root;
export const DropdownMenuTrigger = Menu.Trigger;
export const DropdownMenuGroup = Menu.Group;

export function DropdownMenuContent({ className, align = "end", sideOffset = 4, ...props }: ComponentProps<typeof Menu.Content>) {
  return (
    <Menu.Portal>
      <Menu.Content
        align={align}
        sideOffset={sideOffset}
        className={cn("z-50 min-w-40 rounded-md border border-border bg-popover p-1 text-sm text-popover-foreground shadow-lg", className)}
        {...props}
      />
    </Menu.Portal>
  );
}

export function DropdownMenuItem({ className, tone = "default", ...props }: ComponentProps<typeof Menu.Item> & { tone?: "default" | "destructive" }) {
  return (
    <Menu.Item
      className={cn(
        "flex cursor-default select-none items-center gap-2 rounded px-2 py-1.5 outline-none data-[disabled]:pointer-events-none data-[disabled]:opacity-50 data-[highlighted]:bg-accent data-[highlighted]:text-accent-foreground [&_svg]:size-4",
        tone === "destructive" && "text-danger data-[highlighted]:bg-danger-muted data-[highlighted]:text-danger",
        className,
      )}
      {...props}
    />
  );
}

export function DropdownMenuSeparator({ className, ...props }: ComponentProps<typeof Menu.Separator>) {
  return <Menu.Separator className={cn("my-1 h-px bg-border", className)} {...props} />;
}

interface RowActionsMenuProps {
  label: string;
  disabled?: boolean;
  children: ReactNode;
  /** The menu button, so a dialog opened from an item can give focus back to it. */
  triggerRef?: Ref<HTMLButtonElement>;
  onCloseAutoFocus?: (event: Event) => void;
}

/**
 * The "…" button and menu of a table row's actions. `label` names the button ("Actions for
 * Acme CRM") since the icon has no text; a tooltip shows that name to sighted users too. Not modal, so a dialog opened from an item is not
 * fighting the menu over focus and pointer events.
 */
export function RowActionsMenu({ label, disabled, children, triggerRef, onCloseAutoFocus }: RowActionsMenuProps) {
  return (
    <DropdownMenu modal={false}>
      <Tooltip content={label}>
        <DropdownMenuTrigger asChild>
          <Button ref={triggerRef} variant="ghost" size="icon" aria-label={label} disabled={disabled}>
            <MoreHorizontal aria-hidden="true" />
          </Button>
        </DropdownMenuTrigger>
      </Tooltip>
      <DropdownMenuContent onCloseAutoFocus={onCloseAutoFocus}>{children}</DropdownMenuContent>
    </DropdownMenu>
  );
}

/**
 * Wiring for a menu item that opens a dialog (e.g. Delete… → ConfirmDialog). The menu must not
 * pull focus back to its button while the dialog opens, and the dialog, which has no trigger of
 * its own, gives focus back to the menu's button when it closes.
 *
 * ```tsx
 * const confirm = useMenuDialog();
 * <RowActionsMenu label="Actions for Acme" {...confirm.menuProps}>
 *   <DropdownMenuItem onSelect={confirm.open}>Delete</DropdownMenuItem>
 * </RowActionsMenu>
 * <ConfirmDialog {...confirm.dialogProps} … />
 * ```
 */
export function useMenuDialog() {
  const [isOpen, setOpen] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const opening = useRef(false);
  return {
    open: () => {
      opening.current = true;
      setOpen(true);
    },
    menuProps: {
      triggerRef,
      onCloseAutoFocus: (event: Event) => {
        if (opening.current) event.preventDefault(); // the dialog takes focus instead
        opening.current = false;
      },
    },
    dialogProps: {
      open: isOpen,
      onOpenChange: setOpen,
      onCloseAutoFocus: (event: Event) => {
        event.preventDefault();
        triggerRef.current?.focus();
      },
    },
  };
}
