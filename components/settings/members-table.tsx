"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/input";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import type { Member } from "@/lib/schemas/teams";
import { ResetLinkButton } from "./reset-link-button";

export function MembersTable({ teamId, members, selfId, canManage }: { teamId: string; members: Member[]; selfId: string; canManage: boolean }) {
  const router = useRouter();
  async function act(action: () => Promise<unknown>, done: string, after?: () => void) {
    try {
      await action();
      toast.success(done);
      if (after) after();
      else router.refresh();
    } catch (e) {
      toast.error(e instanceof ApiError ? e.message : "Something went wrong");
      router.refresh();
    }
  }
  const path = (userId: string) => `/api/teams/${teamId}/members/${userId}`;
  return (
    <Table aria-label="Members">
      <THead><tr><TH>Name</TH><TH>Email</TH><TH>Role</TH><TH><span className="sr-only">Actions</span></TH></tr></THead>
      <TBody>
        {members.map((m) => (
          <TR key={m.userId}>
            <TD className="font-medium">{m.name || "—"} {m.userId === selfId ? <Badge>you</Badge> : null}</TD>
            <TD>{m.email}</TD>
            <TD>
              {canManage ? (
                <NativeSelect
                  aria-label={`Role of ${m.email}`}
                  defaultValue={m.role}
                  className="w-36"
                  onChange={(e) => void act(() => apiFetch(path(m.userId), { method: "PATCH", body: { role: e.target.value } }), "Role changed")}
                >
                  <option value="owner">owner</option>
                  <option value="maintainer">maintainer</option>
                  <option value="viewer">viewer</option>
                </NativeSelect>
              ) : (
                <Badge tone={m.role === "owner" ? "brand" : "neutral"}>{m.role}</Badge>
              )}
            </TD>
            <TD className="text-right">
              {m.userId === selfId ? (
                <Button variant="ghost" size="sm" onClick={() => void act(() => apiFetch(path(m.userId), { method: "DELETE" }), "You left the team", () => { router.push("/dashboard"); router.refresh(); })}>
                  Leave team
                </Button>
              ) : canManage ? (
                <>
                  <ResetLinkButton teamId={teamId} userId={m.userId} email={m.email} />
                  <Button variant="ghost" size="sm" onClick={() => void act(() => apiFetch(path(m.userId), { method: "DELETE" }), `${m.email} removed`)}>Remove</Button>
                </>
              ) : null}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
