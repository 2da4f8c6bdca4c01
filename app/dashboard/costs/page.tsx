import type { Metadata } from "next";
import Link from "next/link";
import { CostChart } from "@/components/costs/cost-chart";
import { DEFAULT_COST_RANGE, dailyTotals, exportHref } from "@/components/costs/cost-data";
import { CostFilters } from "@/components/costs/cost-filters";
import { CostOverview, SourceLegend } from "@/components/costs/cost-overview";
import { CostTables } from "@/components/costs/cost-tables";
import { readCostSearch } from "@/components/costs/cost-search";
import { CostsNav } from "@/components/costs/costs-nav";
import { NoTeam, PageHeader } from "@/components/dashboard/page-header";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageSession } from "@/lib/auth/page-session";
import { loadCosts } from "./load-costs";

export const metadata: Metadata = { title: "Costs" };
export const dynamic = "force-dynamic";

type Search = Record<string, string | string[] | undefined>;

export default async function CostsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { ctx } = await requirePageSession();
  if (!ctx) return <NoTeam />;
  const view = readCostSearch(await searchParams);
  const { query, invalid, shown, whole, options } = await loadCosts(ctx, view);
  const values = { ...(view.zoomed ? { from: query.from, to: query.to } : {}), range: view.range === DEFAULT_COST_RANGE ? undefined : view.range, fleetId: query.fleetId, agentId: query.agentId, provider: query.provider, model: query.model };
  const filtered = Boolean(query.fleetId || query.agentId || query.provider || query.model);
  const agentName = query.agentId ? (shown.topAgents[0]?.name ?? "this agent") : null;
  const nothingYet = options.totals.calls === 0 && !filtered;
  return (
    <>
      <PageHeader
        title="Costs"
        description="What the team's agents spend on models: as their gateways priced it, or estimated from catalogue prices."
        actions={
          <>
            <Button asChild variant="secondary"><a href={exportHref("day", values)} download>CSV by day</a></Button>
            <Button asChild variant="secondary"><a href={exportHref("agent", values)} download>CSV by agent</a></Button>
          </>
        }
      />
      <CostsNav />
      <CostFilters values={values} options={options} />
      {invalid ? <p role="alert" className="mb-4 text-sm text-red-600 dark:text-red-400">Some filters were invalid and were ignored.</p> : null}
      {agentName !== null ? (
        <p className="mb-4 text-sm">
          Showing the agent <span className="font-medium">{agentName}</span> only.{" "}
          <Link className="text-brand-600 hover:underline dark:text-brand-500" href={`/dashboard/agents/${query.agentId}`}>Agent page</Link>
        </p>
      ) : null}
      {nothingYet ? (
        <Card>
          <EmptyState
            title="No usage reported yet"
            action={
              <div className="flex gap-2">
                <Button asChild variant="secondary"><Link href="/dashboard/agents">Agents</Link></Button>
                {view.range === "12m" ? null : <Button asChild variant="ghost"><Link href="/dashboard/costs?range=12m">The last 12 months</Link></Button>}
              </div>
            }
          >
            Nothing from {view.whole.from} to {view.whole.to}. Spend appears here once paired agents report their gateway&apos;s usage: pair a host from its
            agent&apos;s page with <code>clawfleet pair</code>, and clawfleet sends the gateway&apos;s tokens and cost per model with each heartbeat.
          </EmptyState>
        </Card>
      ) : (
        <div className="grid gap-6">
          <CostOverview costs={shown} filtered={filtered} />
          <SourceLegend />
          <CostChart
            key={`${query.from}|${query.to}|${view.whole.from}`}
            daily={shown.daily}
            window={{ from: query.from, to: query.to }}
            overview={dailyTotals(whole.daily, view.whole.from, view.whole.to)}
            range={view.range}
            zoomed={view.zoomed}
          />
          <CostTables costs={shown} />
        </div>
      )}
    </>
  );
}
