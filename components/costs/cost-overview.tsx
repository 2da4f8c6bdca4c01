import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { plural, usd } from "@/lib/format";
import type { CostSummary } from "@/lib/schemas/costs";
import { Unpriced } from "./money-table";

const monthName = (month: string) => new Date(`${month}-01T00:00:00Z`).toLocaleDateString("en", { month: "long", year: "numeric", timeZone: "UTC" });

/** How the forecast is reached, in words: the month so far and the last week's pace for the days left. */
export function forecastBasis(month: CostSummary["month"]): string {
  const left = month.daysInMonth - month.daysElapsed;
  if (left <= 0) return "The month ends today: the forecast is the month to date.";
  const perDay = (month.forecastUsd - month.toDateUsd) / left;
  return `Month to date plus the last 7 days' average, ${usd(perDay >= 0.01 ? Math.round(perDay * 100) / 100 : perDay)} a day, for the ${plural(left, "day")} left.`;
}

function Stat({ title, value, testId, children }: { title: string; value: string; testId: string; children: ReactNode }) {
  return (
    <Card>
      <h2 className="text-sm font-medium text-slate-600 dark:text-slate-400">{title}</h2>
      <p className="mt-1 text-2xl font-semibold tabular-nums" data-testid={testId}>{value}</p>
      <div className="mt-2 text-xs text-slate-600 dark:text-slate-400">{children}</div>
    </Card>
  );
}

/** Where each figure comes from: the gateway's own price, the catalogue's, or nobody's. */
export function SourceLegend() {
  return (
    <p className="flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
      <Badge tone="brand">Reported</Badge> priced by the OpenClaw gateways
      <Badge tone="neutral">Estimated</Badge> tokens × catalogue prices
      <Badge tone="warning">Unpriced</Badge> calls nobody could price (not counted in cost)
    </p>
  );
}

/** Month to date, the forecast to month end, and the range's total split by source. */
export function CostOverview({ costs, filtered }: { costs: CostSummary; filtered: boolean }) {
  const { month, totals } = costs;
  const scope = filtered ? " with these filters" : "";
  return (
    <div className="grid gap-4 md:grid-cols-3">
      <Stat title={`${monthName(month.month)} to date`} value={usd(month.toDateUsd)} testId="month-to-date">
        Day {month.daysElapsed} of {month.daysInMonth} (UTC){scope}.
      </Stat>
      <Stat title="Forecast to month end" value={usd(month.forecastUsd)} testId="month-forecast">
        {forecastBasis(month)}
      </Stat>
      <Stat title={`${costs.from} to ${costs.to}`} value={usd(totals.costUsd)} testId="range-total">
        <ul className="grid gap-0.5">
          <li><span className="tabular-nums" data-testid="range-reported">{usd(totals.reportedUsd)}</span> reported by gateways</li>
          <li><span className="tabular-nums" data-testid="range-estimated">{usd(totals.estimatedUsd)}</span> estimated from catalogue prices</li>
          <li data-testid="range-unpriced"><Unpriced calls={totals.unpricedCalls} /> unpriced, of {plural(totals.calls, "call")}</li>
        </ul>
      </Stat>
    </div>
  );
}
