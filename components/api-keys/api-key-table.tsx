import type { ApiKeyListRow } from "@/lib/api-keys/service";
import { RevokeApiKeyButton } from "./revoke-api-key-button";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Card } from "@/components/ui/card";

const dateTime = (value: Date) => value.toISOString().replace("T", " ").slice(0, 16) + " UTC";

export function ApiKeyTable({ keys }: { keys: ApiKeyListRow[] }) {
  if (keys.length === 0)
    return (
      <Card asChild className="text-sm text-muted-foreground">
        <p>No API keys yet.</p>
      </Card>
    );
  return (
    <Table>
      <TableCaption>API keys</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          <TableHead>Key</TableHead>
          <TableHead>Access</TableHead>
          <TableHead>Created</TableHead>
          <TableHead>Last used</TableHead>
          <TableHead>
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {keys.map((key) => (
          <TableRow key={key.id} className={key.revokedAt ? "text-muted-foreground" : undefined}>
            <TableCell className="font-medium">{key.name}</TableCell>
            <TableCell>
              <code>{key.prefix}</code>
            </TableCell>
            <TableCell>{key.connector ? `Only ${key.connector.name}` : "All connectors"}</TableCell>
            <TableCell>
              {dateTime(key.createdAt)}
              {key.createdBy && <span className="block text-xs text-muted-foreground">by {key.createdBy}</span>}
            </TableCell>
            <TableCell>{key.lastUsedAt ? dateTime(key.lastUsedAt) : "Never"}</TableCell>
            <TableCell className="text-right">
              {key.revokedAt ? <span>Revoked {dateTime(key.revokedAt)}</span> : <RevokeApiKeyButton id={key.id} name={key.name} />}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
