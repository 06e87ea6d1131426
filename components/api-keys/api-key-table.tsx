import type { ApiKeyListRow } from "@/lib/api-keys/service";
import { RevokeApiKeyButton } from "./revoke-api-key-button";

const dateTime = (value: Date) => value.toISOString().replace("T", " ").slice(0, 16) + " UTC";

export function ApiKeyTable({ keys }: { keys: ApiKeyListRow[] }) {
  if (keys.length === 0) return <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700">No API keys yet.</p>;
  return (
    <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-left text-sm">
      <caption className="sr-only">API keys</caption>
      <thead className="bg-slate-50 text-slate-700">
        <tr>
          <th scope="col" className="px-4 py-2 font-medium">Name</th>
          <th scope="col" className="px-4 py-2 font-medium">Key</th>
          <th scope="col" className="px-4 py-2 font-medium">Access</th>
          <th scope="col" className="px-4 py-2 font-medium">Created</th>
          <th scope="col" className="px-4 py-2 font-medium">Last used</th>
          <th scope="col" className="px-4 py-2 font-medium"><span className="sr-only">Actions</span></th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200">
        {keys.map((key) => (
          <tr key={key.id} className={key.revokedAt ? "text-slate-500" : undefined}>
            <td className="px-4 py-2 font-medium">{key.name}</td>
            <td className="px-4 py-2"><code>{key.prefix}</code></td>
            <td className="px-4 py-2">{key.connector ? `Only ${key.connector.name}` : "All connectors"}</td>
            <td className="px-4 py-2">
              {dateTime(key.createdAt)}
              {key.createdBy && <span className="block text-xs text-slate-600">by {key.createdBy}</span>}
            </td>
            <td className="px-4 py-2">{key.lastUsedAt ? dateTime(key.lastUsedAt) : "Never"}</td>
            <td className="px-4 py-2 text-right">{key.revokedAt ? <span>Revoked {dateTime(key.revokedAt)}</span> : <RevokeApiKeyButton id={key.id} name={key.name} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
