"use client";

import { Copy, Trash2 } from "lucide-react";
import { DropdownMenuItem, DropdownMenuSeparator, RowActionsMenu, useMenuDialog } from "@/components/ui/dropdown-menu";
import { DeleteConnectorDialog } from "./delete-connector-button";
import { useDuplicateConnector } from "./duplicate-connector-button";

/** Duplicate and Delete for one row of the connector list, behind its actions menu. */
export function ConnectorRowActions({ id, name }: { id: string; name: string }) {
  const { duplicate, pending } = useDuplicateConnector(id);
  const confirmDelete = useMenuDialog();
  return (
    <>
      <RowActionsMenu label={`Actions for ${name}`} disabled={pending} {...confirmDelete.menuProps}>
        <DropdownMenuItem onSelect={duplicate}>
          <Copy aria-hidden="true" />
          Duplicate<span className="sr-only"> {name}</span>
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem tone="destructive" onSelect={confirmDelete.open}>
          <Trash2 aria-hidden="true" />
          Delete<span className="sr-only"> {name}</span>
        </DropdownMenuItem>
      </RowActionsMenu>
      <DeleteConnectorDialog id={id} name={name} {...confirmDelete.dialogProps} />
    </>
  );
}
