import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AgentLive } from "@/components/agents/agent-live";
import { isRange, rangeMs } from "@/components/agents/chart-data";
import { CustomMetricCharts } from "@/components/agents/custom-metric-charts";
import { MetricCharts } from "@/components/agents/metric-charts";
import { PluginsCard } from "@/components/agents/plugins-card";
import { AgentPolicyCards } from "@/components/policies/agent-policy-cards";
import { UsageCard } from "@/components/agents/usage-card";
import { CostCard } from "@/components/costs/cost-card";
import { NoTeam } from "@/components/dashboard/page-header";
import { AppError } from "@/lib/api/errors";
import { requirePageSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/roles";
import { MetricsQuery } from "@/lib/schemas/metrics";
import { getAgentCustomMetrics } from "@/lib/server/agents/custom-metrics";
import { getAgent } from "@/lib/server/agents/get";
import { getAgentMetrics, listRecentHeartbeats } from "@/lib/server/agents/metrics";
import { listAgentEvents } from "@/lib/server/agents/events";
import { summariseCosts } from "@/lib/server/costs/summary";
import { listAudit } from "@/lib/server/audit/list";
import { listCommands } from "@/lib/server/commands/list";
import { listSilences } from "@/lib/server/alerts/alerts";
import { listAgentUsage } from "@/lib/server/usage/list";
import { getAgentPolicy } from "@/lib/server/policies/agent-policy";
import { listPolicies } from "@/lib/server/policies/list";

export const metadata: Metadata = { title: "Agent" };
export const dynamic = "force-dynamic";

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function AgentPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Search }) {
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const { ctx } = await requirePageSession();
  if (!ctx) return <NoTeam />;
  const agent = await getAgent(ctx, id).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  // The range and the zoomed window come from the URL, so a view can be shared; bad values fall back.
  const range = isRange(search.range) ? search.range : "24h";
  const now = new Date();
  const whole = MetricsQuery.parse({ from: new Date(now.getTime() - rangeMs(range)).toISOString(), to: now.toISOString() });
  const zoomed = MetricsQuery.safeParse({ from: search.from, to: search.to });
  const zoom = typeof search.from === "string" && typeof search.to === "string" && zoomed.success ? zoomed.data : null;
  const canAudit = can(ctx.role, "audit:read");
  const [commands, heartbeats, events, audit, overview, detail, silences, custom, usage, costs, policy, { policies }] = await Promise.all([
    listCommands(ctx, id),
    listRecentHeartbeats(ctx, id, 20),
    listAgentEvents(ctx, id),
    canAudit ? listAudit(ctx, { target: id, limit: 20 }).then((r) => r.entries) : Promise.resolve([]),
    getAgentMetrics(ctx, id, whole),
    zoom ? getAgentMetrics(ctx, id, zoom) : null,
    listSilences(ctx, id),
    getAgentCustomMetrics(ctx, id, zoom ?? whole),
    listAgentUsage(ctx, id, 30),
    summariseCosts(ctx, { agentId: id }),
    getAgentPolicy(ctx, id),
    listPolicies(ctx),
  ]);
  const agentPolicyId = policies.find((p) => p.scope === "agent" && p.targetId === id)?.id ?? null;
  const snooze = silences[0] ? { id: silences[0].id, endsAt: silences[0].endsAt } : null;
  const zoomWindow = zoom ? { from: zoom.from.toISOString(), to: zoom.to.toISOString() } : null;
  const charts = (
    <>
      <MetricCharts agentId={id} range={range} zoom={zoomWindow} overview={overview} detail={detail ?? overview} />
      <CustomMetricCharts agentId={id} range={range} zoom={zoomWindow} initial={custom} />
      <UsageCard agentId={id} initial={usage} />
      <CostCard costs={costs} what="agent" href={`/dashboard/costs?agentId=${id}`} />
      <PluginsCard agentId={id} initial={agent.plugins ?? null} />
      <AgentPolicyCards agentId={id} initial={policy} agentPolicyId={agentPolicyId} canEdit={can(ctx.role, "policy:write")} />
    </>
  );
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/dashboard/agents" className="text-brand-600 hover:underline dark:text-brand-500">Agents</Link> /</p>
      <AgentLive
        initial={{ agent, commands, heartbeats, events, audit, snooze }}
        canPair={can(ctx.role, "agent:pair")}
        canCommand={can(ctx.role, "agent:command")}
        charts={charts}
      />
    </>
  );
}
