import Link from "next/link";
import type { ConnectorListRow } from "@/lib/connectors/queries";
import { StatusWithReason } from "@/components/tokens/status-with-reason";
import { ConnectorRowActions } from "./connector-row-actions";
import { accessMethodLabel } from "./labels";

/** The connectors list, with each connector's status as the dashboard shows it. `now` is when the rows were read. */
export function ConnectorTable({ rows, isAdmin, now }: { rows: ConnectorListRow[]; isAdmin: boolean; now: Date }) {
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
            <td className="px-4 py-2">{accessMethodLabel(row.grantType, row.credentialType)}</td>
            <td className="px-4 py-2 font-mono text-xs">{row.vendorHost || "—"}</td>
            <td className="max-w-64 px-4 py-2">
              <StatusWithReason summary={row.summary} now={now} />
            </td>
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
