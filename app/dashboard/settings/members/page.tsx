import type { Metadata } from "next";
import { NoTeam, PageHeader } from "@/components/dashboard/page-header";
import { InviteForm } from "@/components/settings/invite-form";
import { InvitationList } from "@/components/settings/invitation-list";
import { MembersTable } from "@/components/settings/members-table";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePageSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/roles";
import { listInvitations } from "@/lib/server/invitations/list";
import { listMembers } from "@/lib/server/members/list";

export const metadata: Metadata = { title: "Members" };
export const dynamic = "force-dynamic";

export default async function MembersPage() {
  const { ctx } = await requirePageSession();
  if (!ctx) return <NoTeam />;
  const [members, invitations] = await Promise.all([listMembers(ctx), listInvitations(ctx)]);
  const canInvite = can(ctx.role, "invitation:create");
  return (
    <>
      <PageHeader title="Members" description="Owners manage everything, maintainers run fleets and agents, viewers read." />
      <div className="grid gap-6">
        {canInvite ? (
          <Card>
            <CardHeader><div><CardTitle>Invite someone</CardTitle><CardDescription>They get a link to join; share it with them (valid for 7 days).</CardDescription></div></CardHeader>
            <InviteForm teamId={ctx.team.id} maxRole={ctx.role} />
          </Card>
        ) : null}
        <Card>
          <CardHeader><CardTitle>People in {ctx.team.name}</CardTitle></CardHeader>
          <MembersTable teamId={ctx.team.id} members={members} selfId={ctx.user.id} canManage={can(ctx.role, "member:manage")} />
        </Card>
        <Card>
          <CardHeader><CardTitle>Invitations</CardTitle></CardHeader>
          <InvitationList teamId={ctx.team.id} invitations={invitations} canRevoke={can(ctx.role, "invitation:revoke")} />
        </Card>
      </div>
    </>
  );
}
