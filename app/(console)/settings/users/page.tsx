import type { Metadata } from "next";
import { requirePageSession } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listUsers } from "@/lib/users/service";
import { PageHeader } from "@/components/ui/page-header";
import { InviteUserForm } from "@/components/users/invite-user-form";
import { UserRowActions } from "@/components/users/user-row-actions";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

const STATUS_LABEL = { active: "Active", invited: "Invited", disabled: "No access" } as const;

export default async function UsersPage() {
  const { user: me } = await requirePageSession("admin");
  const users = await listUsers(getDb());
  return (
    <>
      <PageHeader title="Users" description="Admins can change connectors and users; viewers can only look." />
      <div className="space-y-6">
        <InviteUserForm />
        <Table>
          <TableCaption>Users</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Email</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Role and access</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {users.map((u) => (
              <TableRow key={u.id}>
                <TableCell>
                  {u.email}
                  {u.id === me.id && <span className="ml-2 text-xs text-muted-foreground">(you)</span>}
                </TableCell>
                <TableCell>{STATUS_LABEL[u.status]}</TableCell>
                <TableCell>
                  <UserRowActions userId={u.id} email={u.email} role={u.role} disabled={u.status === "disabled"} isSelf={u.id === me.id} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </>
  );
}
