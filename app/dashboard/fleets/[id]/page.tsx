import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RelativeTime } from "@/components/dashboard/relative-time";
import { NoTeam, PageHeader } from "@/components/dashboard/page-header";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { AgentsTable } from "@/components/agents/agents-table";
import { CostCard } from "@/components/costs/cost-card";
import { EmptyState } from "@/components/ui/empty-state";
import { AppError } from "@/lib/api/errors";
import { requirePageSession } from "@/lib/auth/page-session";
import { listAgents } from "@/lib/server/agents/list";
import { getFleet } from "@/lib/server/fleets/get";
import { getOverview } from "@/lib/server/overview/get";
import { listSilences } from "@/lib/server/alerts/alerts";
import { summariseCosts } from "@/lib/server/costs/summary";
import { SnoozeControl } from "@/components/agents/snooze-control";
import { can } from "@/lib/auth/roles";
import { OverviewLive } from "@/components/overview/overview-live";
import { plural } from "@/lib/format";
import { CreatePolicyButton } from "@/components/policies/create-policy-button";
import { listPolicies } from "@/lib/server/policies/list";
import { RotateButton } from "@/components/rotations/rotate-button";

export const metadata: Metadata = { title: "Fleet" };
export const dynamic = "force-dynamic";

export default async function FleetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx } = await requirePageSession();
  if (!ctx) return <NoTeam />;
  const fleet = await getFleet(ctx, id).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const [{ agents, nextCursor }, overview, silences, costs, { policies }] = await Promise.all([
    listAgents(ctx, { fleetId: fleet.id, limit: 100, sort: "status" }),
    getOverview(ctx, { fleetId: fleet.id }),
    listSilences(ctx, fleet.id),
    summariseCosts(ctx, { fleetId: fleet.id }),
    listPolicies(ctx),
  ]);
  const policy = policies.find((p) => p.scope === "fleet" && p.targetId === fleet.id);
  const snooze = silences[0] ? { id: silences[0].id, endsAt: silences[0].endsAt } : null;
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/dashboard/fleets" className="text-brand-600 hover:underline dark:text-brand-500">Fleets</Link> /</p>
      <PageHeader
        title={fleet.name}
        description={fleet.description || "No description."}
        actions={
          <div className="flex flex-wrap items-center gap-2">
            {can(ctx.role, "model:rotate") && fleet.agentCount > 0 ? <RotateButton scope={{ type: "fleet", fleetId: fleet.id }} scopeName={`fleet ${fleet.name}`} count={fleet.agentCount} /> : null}
            <SnoozeControl scopeId={fleet.id} scopeType="fleet" initial={snooze} canManage={can(ctx.role, "alert:manage")} />
          </div>
        }
      />
      <p className="-mt-4 mb-6 text-sm text-slate-600 dark:text-slate-400">
        {plural(fleet.agentCount, "agent")} · created <RelativeTime iso={fleet.createdAt} /> · updated <RelativeTime iso={fleet.updatedAt} /> ·{" "}
        {policy ? (
          <Link className="text-brand-600 hover:underline dark:text-brand-500" href={`/dashboard/policies/${policy.id}`}>Fleet policy (revision {policy.currentRevision || "none"})</Link>
        ) : "follows the team policy"}
      </p>
      {!policy && can(ctx.role, "policy:write") ? <div className="-mt-3 mb-6"><CreatePolicyButton scope="fleet" targetId={fleet.id} label="Create a fleet policy" /></div> : null}
      <OverviewLive initial={overview} fleetId={fleet.id} />
      <Card className="mt-6">
        <CardHeader>
          <CardTitle>Agents, most urgent first</CardTitle>
          {nextCursor ? <Link className="text-sm text-brand-600 hover:underline dark:text-brand-500" href={`/dashboard/agents?fleetId=${fleet.id}&sort=status`}>All {plural(fleet.agentCount, "agent")}</Link> : null}
        </CardHeader>
        {agents.length ? <AgentsTable agents={agents} /> : <EmptyState title="No agents in this fleet yet">Add an agent from the Agents page and pair its host with <code>clawfleet pair</code>.</EmptyState>}
      </Card>
      <div className="mt-6">
        <CostCard costs={costs} what="fleet" href={`/dashboard/costs?fleetId=${fleet.id}`} />
      </div>
    </>
  );
}
