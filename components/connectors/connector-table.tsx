import Link from "next/link";
import type { ConnectorListRow } from "@/lib/connectors/queries";
import { ConnectorRowActions } from "./connector-row-actions";
import { grantTypeLabel } from "./labels";

/** The connectors list. Status is a placeholder until the dashboard reports token health. */
export function ConnectorTable({ rows, isAdmin }: { rows: ConnectorListRow[]; isAdmin: boolean }) {
  return (
    <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-left text-sm">
      <caption className="sr-only">Connectors</caption>
      <thead className="bg-slate-50 text-slate-700">
        <tr>
          <th scope="col" className="px-4 py-2 font-medium">Name</th>
          <th scope="col" className="px-4 py-2 font-medium">Grant Type</th>
          <th scope="col" className="px-4 py-2 font-medium">Vendor host</th>
          <th scope="col" className="px-4 py-2 font-medium">Status</th>
          {isAdmin && (
            <th scope="col" className="px-4 py-2 text-right font-medium">
              Actions
            </th>
          )}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200">
        {rows.map((row) => (
          <tr key={row.id}>
            <td className="px-4 py-2">
              <Link href={`/connectors/${row.id}`} className="font-medium text-indigo-800 underline-offset-2 hover:underline">
                {row.name}
              </Link>
            </td>
            <td className="px-4 py-2">{grantTypeLabel(row.grantType)}</td>
            <td className="px-4 py-2 font-mono text-xs">{row.vendorHost || "—"}</td>
            <td className="px-4 py-2">{row.hasToken ? "Token stored" : "Not authorized"}</td>
            {isAdmin && (
              <td className="px-4 py-2">
                <ConnectorRowActions id={row.id} name={row.name} />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
