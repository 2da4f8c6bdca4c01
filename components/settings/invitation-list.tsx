"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { RelativeTime } from "@/components/dashboard/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import type { Invitation } from "@/lib/schemas/teams";

const TONE = { pending: "brand", accepted: "success", revoked: "neutral", expired: "warning" } as const;

export function InvitationList({ teamId, invitations, canRevoke }: { teamId: string; invitations: Invitation[]; canRevoke: boolean }) {
  const router = useRouter();
  if (invitations.length === 0) return <EmptyState title="No invitations in the last 30 days" />;
  return (
    <Table aria-label="Invitations">
      <THead><tr><TH>Email</TH><TH>Role</TH><TH>Status</TH><TH>Invited by</TH><TH>Expires</TH><TH><span className="sr-only">Actions</span></TH></tr></THead>
      <TBody>
        {invitations.map((i) => (
          <TR key={i.id}>
            <TD>{i.email}</TD>
            <TD>{i.role}</TD>
            <TD><Badge tone={TONE[i.status]}>{i.status}</Badge></TD>
            <TD>{i.invitedBy ?? "—"}</TD>
            <TD><RelativeTime iso={i.expiresAt} deadline /></TD>
            <TD className="text-right">
              {canRevoke && i.status === "pending" ? (
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={async () => {
                    try {
                      await apiFetch(`/api/teams/${teamId}/invitations/${i.id}`, { method: "DELETE" });
                      toast.success("Invitation revoked");
                      router.refresh();
                    } catch (e) {
                      toast.error(e instanceof ApiError ? e.message : "Could not revoke");
                    }
                  }}
                >
                  Revoke
                </Button>
              ) : null}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
