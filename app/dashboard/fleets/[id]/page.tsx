import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RelativeTime } from "@/components/dashboard/relative-time";
import { NoTeam, PageHeader } from "@/components/dashboard/page-header";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { AgentsTable } from "@/components/agents/agents-table";
import { EmptyState } from "@/components/ui/empty-state";
import { AppError } from "@/lib/api/errors";
import { requirePageSession } from "@/lib/auth/page-session";
import { listAgents } from "@/lib/server/agents/list";
import { getFleet } from "@/lib/server/fleets/get";

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
  const { agents } = await listAgents(ctx, { fleetId: fleet.id, limit: 200 });
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/dashboard/fleets" className="text-brand-600 hover:underline dark:text-brand-500">Fleets</Link> /</p>
      <PageHeader title={fleet.name} description={fleet.description || "No description."} />
      <dl className="mb-6 grid gap-4 sm:grid-cols-3">
        <div className="glass rounded-2xl p-4"><dt className="text-sm text-slate-500">Agents</dt><dd className="text-2xl font-semibold">{fleet.agentCount}</dd></div>
        <div className="glass rounded-2xl p-4"><dt className="text-sm text-slate-500">Created</dt><dd className="text-lg"><RelativeTime iso={fleet.createdAt} /></dd></div>
        <div className="glass rounded-2xl p-4"><dt className="text-sm text-slate-500">Updated</dt><dd className="text-lg"><RelativeTime iso={fleet.updatedAt} /></dd></div>
      </dl>
      <Card>
        <CardHeader><CardTitle>Agents</CardTitle></CardHeader>
        {agents.length ? <AgentsTable agents={agents} /> : <EmptyState title="No agents in this fleet yet">Add an agent from the Agents page and pair its host with <code>clawfleet pair</code>.</EmptyState>}
      </Card>
    </>
  );
}
