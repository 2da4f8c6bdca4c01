import type { Metadata } from "next";
import Link from "next/link";
import { AgentFilters } from "@/components/agents/agent-filters";
import { AgentsBulk } from "@/components/agents/agents-bulk";
import { AgentsTable } from "@/components/agents/agents-table";
import { NewAgentDialog } from "@/components/agents/new-agent-dialog";
import { NoTeam, PageHeader } from "@/components/dashboard/page-header";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/roles";
import { AgentListQuery } from "@/lib/schemas/agents";
import { countAgents, listAgents } from "@/lib/server/agents/list";
import { listFleets } from "@/lib/server/fleets/list";
import { plural } from "@/lib/format";

export const metadata: Metadata = { title: "Agents" };
export const dynamic = "force-dynamic";

export default async function AgentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { ctx } = await requirePageSession();
  if (!ctx) return <NoTeam />;
  const raw = Object.fromEntries(Object.entries(await searchParams).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  const parsed = AgentListQuery.safeParse({ limit: 100, ...raw });
  const query = parsed.success ? parsed.data : AgentListQuery.parse({ limit: 100 });
  const filter = { fleetId: query.fleetId, status: query.status, region: query.region, q: query.q };
  const canWrite = can(ctx.role, "agent:write");
  const canBulk = canWrite && can(ctx.role, "agent:command") && can(ctx.role, "alert:manage");
  const [{ agents, nextCursor }, { fleets }, matching] = await Promise.all([listAgents(ctx, query), listFleets(ctx, { limit: 200 }), canBulk ? countAgents(ctx, filter) : 0]);
  const fleetNames = Object.fromEntries(fleets.map((f) => [f.id, f.name]));
  const fleetChoices = fleets.map((f) => ({ id: f.id, name: f.name }));
  const next = new URLSearchParams({ ...raw, ...(nextCursor ? { cursor: nextCursor } : {}) });
  const first = new URLSearchParams(raw);
  first.delete("cursor");
  return (
    <>
      <PageHeader
        title="Agents"
        description="Each agent is one OpenClaw host, paired with clawfleet."
        actions={
          <>
            <Button asChild variant="ghost"><Link href="/dashboard/batches">Bulk actions</Link></Button>
            {canWrite && fleets.length ? <NewAgentDialog fleets={fleetChoices} /> : null}
          </>
        }
      />
      <AgentFilters key={JSON.stringify(raw)} initial={raw} fleets={fleetChoices} />
      <Card>
        {agents.length ? (
          canBulk ? (
            <AgentsBulk agents={agents} sort={query.sort} fleetNames={fleetNames} filter={filter} matching={matching} fleets={fleetChoices} />
          ) : (
            <AgentsTable agents={agents} sort={query.sort} fleetNames={fleetNames} />
          )
        ) : (
          <EmptyState title={raw.q || raw.status || raw.region ? "No agents match" : "No agents yet"}>
            {fleets.length ? "Add an agent, then pair its host with the command shown on the agent's page." : "Create a fleet first; agents belong to a fleet."}
          </EmptyState>
        )}
        {nextCursor || raw.cursor ? (
          <nav aria-label="Pages" className="mt-4 flex justify-center gap-2">
            {raw.cursor ? <Button asChild variant="ghost"><Link href={`/dashboard/agents?${first.toString()}`}>First page</Link></Button> : null}
            {nextCursor ? <Button asChild variant="secondary"><Link href={`/dashboard/agents?${next.toString()}`}>Next {plural(query.limit, "agent")}</Link></Button> : null}
          </nav>
        ) : null}
      </Card>
    </>
  );
}
