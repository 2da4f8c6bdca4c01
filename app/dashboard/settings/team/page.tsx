import type { Metadata } from "next";
import { NoTeam, PageHeader } from "@/components/dashboard/page-header";
import { DeleteTeam, RenameTeam, RetentionForm } from "@/components/settings/team-forms";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePageSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/roles";
import { getTeam } from "@/lib/server/teams/get";
import { TeamTwoFactor } from "@/components/settings/team-two-factor";
import { teamRequiresTwoFactor } from "@/lib/server/two-factor/team-requirement";

export const metadata: Metadata = { title: "Team settings" };
export const dynamic = "force-dynamic";

export default async function TeamSettingsPage() {
  const { ctx } = await requirePageSession();
  if (!ctx) return <NoTeam />;
  const team = await getTeam(ctx);
  const owner = can(ctx.role, "team:update");
  return (
    <>
      <PageHeader title="Team" description={`You are ${ctx.role === "owner" ? "an owner" : `a ${ctx.role}`} of ${team.name}.`} />
      <div className="grid gap-6">
        <Card>
          <CardHeader><div><CardTitle>Name</CardTitle><CardDescription>Shown in the team menu and in invitations.</CardDescription></div></CardHeader>
          <RenameTeam teamId={team.id} name={team.name} disabled={!owner} />
        </Card>
        <Card>
          <CardHeader><div><CardTitle>History retention</CardTitle><CardDescription>Heartbeat history older than this is removed by the nightly purge, a whole day at a time.</CardDescription></div></CardHeader>
          <RetentionForm teamId={team.id} days={team.heartbeatRetentionDays} disabled={!owner} />
        </Card>
        <Card>
          <CardHeader><div><CardTitle>Two-factor sign-in</CardTitle><CardDescription>Every member signs in with a second factor: an authenticator app or a passkey.</CardDescription></div></CardHeader>
          <TeamTwoFactor teamId={team.id} required={await teamRequiresTwoFactor(team.id)} disabled={!owner} />
        </Card>
        {owner ? (
          <Card className="border-red-500/30">
            <CardHeader><div><CardTitle>Delete team</CardTitle><CardDescription>Deletes the team, its fleets, agents and history for good.</CardDescription></div></CardHeader>
            <DeleteTeam teamId={team.id} name={team.name} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
