import type { ConnectorListRow } from "@/lib/connector-admin/queries";
import { StatusWithReason } from "@/components/tokens/status-with-reason";
import { ConnectorRowActions } from "./connector-row-actions";
import { accessMethodLabel } from "./labels";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ConnectorLink } from "./connector-link";

/** The connectors list, with each connector's status as the dashboard shows it. `now` is when the rows were read. */
export function ConnectorTable({ rows, isAdmin, now }: { rows: ConnectorListRow[]; isAdmin: boolean; now: Date }) {
  return (
    <Table>
      <TableCaption>Connectors</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          <TableHead>Grant Type</TableHead>
          <TableHead>Vendor host</TableHead>
          <TableHead>Status</TableHead>
          {isAdmin && <TableHead className="text-right">Actions</TableHead>}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            <TableCell>
              <ConnectorLink id={row.id} name={row.name} className="font-medium" />
            </TableCell>
            <TableCell>{accessMethodLabel(row.grantType, row.credentialType)}</TableCell>
            <TableCell className="font-mono text-xs">{row.vendorHost || "—"}</TableCell>
            <TableCell className="max-w-64">
              <StatusWithReason summary={row.summary} now={now} />
            </TableCell>
            {isAdmin && (
              <TableCell className="text-right">
                <ConnectorRowActions id={row.id} name={row.name} />
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
