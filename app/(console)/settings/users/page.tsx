import type { Metadata } from "next";
import { requirePageSession } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listUsers } from "@/lib/users/service";
import { PageHeader } from "@/components/ui/page-header";
import { InviteUserForm } from "@/components/users/invite-user-form";
import { UserRowActions } from "@/components/users/user-row-actions";

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
        <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-left text-sm">
          <caption className="sr-only">Users</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">Email</th>
              <th scope="col" className="px-4 py-2 font-medium">Status</th>
              <th scope="col" className="px-4 py-2 font-medium">Role and access</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {users.map((u) => (
              <tr key={u.id}>
                <td className="px-4 py-2">{u.email}{u.id === me.id && <span className="ml-2 text-xs text-slate-600">(you)</span>}</td>
                <td className="px-4 py-2">{STATUS_LABEL[u.status]}</td>
                <td className="px-4 py-2">
                  <UserRowActions userId={u.id} email={u.email} role={u.role} disabled={u.status === "disabled"} isSelf={u.id === me.id} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
