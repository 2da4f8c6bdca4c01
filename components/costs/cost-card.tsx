import Link from "next/link";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { usd } from "@/lib/format";
import type { CostSummary } from "@/lib/schemas/costs";
import { modelLabel } from "./cost-data";
import { forecastBasis } from "./cost-overview";
import { MoneyTable, Unpriced } from "./money-table";

/** An agent's or a fleet's spend: the month so far, its forecast, and the last 30 days per model. */
export function CostCard({ costs, href, what }: { costs: CostSummary; href: string; what: "agent" | "fleet" }) {
  const { month, totals } = costs;
  return (
    <Card data-testid="cost-card">
      <CardHeader>
        <div>
          <CardTitle>Costs</CardTitle>
          <CardDescription>This {what}&apos;s spend on models, as gateways priced it or estimated from catalogue prices.</CardDescription>
        </div>
        <Link className="text-sm text-brand-600 hover:underline dark:text-brand-500" href={href}>Open in Costs</Link>
      </CardHeader>
      <dl className="mb-4 grid gap-3 sm:grid-cols-3">
        <div>
          <dt className="text-xs text-slate-600 dark:text-slate-400">Month to date</dt>
          <dd className="text-lg font-semibold tabular-nums">{usd(month.toDateUsd)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-600 dark:text-slate-400">Forecast to month end</dt>
          <dd className="text-lg font-semibold tabular-nums">{usd(month.forecastUsd)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-600 dark:text-slate-400">Last 30 days</dt>
          <dd className="text-lg font-semibold tabular-nums">{usd(totals.costUsd)} <span className="text-xs font-normal"><Unpriced calls={totals.unpricedCalls} /> unpriced</span></dd>
        </div>
      </dl>
      <p className="mb-3 text-xs text-slate-600 dark:text-slate-400">{forecastBasis(month)}</p>
      {costs.byModel.length ? (
        <MoneyTable compact label={`The ${what}'s spend per model, last 30 days`} heading="Model" rows={costs.byModel.map((m) => ({ key: `${m.provider}|${m.model}`, label: <span className="font-mono text-xs">{modelLabel(m.provider, m.model)}</span>, money: m }))} />
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">No usage in the last 30 days.</p>
      )}
    </Card>
  );
}
