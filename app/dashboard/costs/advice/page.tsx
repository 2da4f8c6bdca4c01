import type { Metadata } from "next";
import { AdviceActions } from "@/components/advice/advice-actions";
import { CostsNav } from "@/components/costs/costs-nav";
import { NoTeam, PageHeader } from "@/components/dashboard/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/roles";
import { usd } from "@/lib/format";
import type { Advice } from "@/lib/schemas/advice";
import { listAdvice } from "@/lib/server/advice/list";

export const metadata: Metadata = { title: "Savings" };
export const dynamic = "force-dynamic";

const tokens = (n: number) => (n >= 1e6 ? `${Math.round(n / 1e5) / 10}M` : n >= 1e3 ? `${Math.round(n / 100) / 10}k` : String(n));
const perM = (n: number) => `$${n.toLocaleString("en", { maximumFractionDigits: 4 })}`;

function Prices({ label, p }: { label: string; p: Advice["fromPrice"] }) {
  return (
    <div>
      <dt className="font-medium text-slate-900 dark:text-slate-100">{label}</dt>
      <dd>{perM(p.inputPerMtok)} in · {perM(p.outputPerMtok)} out · {perM(p.cacheReadPerMtok)} cache read · {perM(p.cacheWritePerMtok)} cache write per million tokens</dd>
    </div>
  );
}

export default async function AdvicePage() {
  const { ctx } = await requirePageSession();
  if (!ctx) return <NoTeam />;
  const advice = await listAdvice(ctx);
  const canApply = can(ctx.role, "advice:apply");
  return (
    <>
      <PageHeader
        title="Savings"
        description="Cheaper models of the same capability tier, priced on each agent's own token mix over the last 30 days. Only providers your agents already use are suggested, so their gateways likely hold the credentials."
      />
      <CostsNav />
      {advice.length ? (
        <ul className="grid gap-4" aria-label="Savings advice">
          {advice.map((a) => {
            const toLabel = a.toName ?? a.toModel;
            return (
              <li key={`${a.agentId}|${a.fromModel}|${a.toModel}`}>
                <Card className="grid gap-3 p-5">
                  <h2 className="text-base font-semibold">
                    {a.agentName} could run on {toLabel} for {a.savingPct} % less: about {usd(Math.round(a.savingMonthlyUsd))} a month
                  </h2>
                  <p className="text-sm text-slate-600 dark:text-slate-400">
                    Now on {a.fromName ?? a.fromModel} ({a.fromModel}), {a.tier} tier: {usd(a.currentMonthlyUsd)} a month at this rate, {usd(a.proposedMonthlyUsd)} on {a.toModel}.
                  </p>
                  <dl className="grid gap-1 text-xs text-slate-600 dark:text-slate-400">
                    <div>
                      <dt className="font-medium text-slate-900 dark:text-slate-100">Token mix, last {a.mix.days} {a.mix.days === 1 ? "day" : "days"}</dt>
                      <dd>{tokens(a.mix.inputTokens)} input · {tokens(a.mix.outputTokens)} output · {tokens(a.mix.cacheReadTokens)} cache read · {tokens(a.mix.cacheWriteTokens)} cache write</dd>
                    </div>
                    <Prices label={`${a.fromName ?? a.fromModel} today`} p={a.fromPrice} />
                    <Prices label={`${toLabel} today`} p={a.toPrice} />
                  </dl>
                  {canApply ? <AdviceActions agentId={a.agentId} agentName={a.agentName} fromModel={a.fromModel} toModel={a.toModel} toLabel={toLabel} /> : null}
                </Card>
              </li>
            );
          })}
        </ul>
      ) : (
        <Card>
          <EmptyState title="No savings advice right now">
            Advice appears for an agent and model with real volume (a dollar or 100k tokens in the last 30 days) when a model of the same tier, from a provider your agents
            already use and not marked unavailable, would cost at least 5 % less. Tiers and availability are set per model under Prices.
          </EmptyState>
        </Card>
      )}
    </>
  );
}
