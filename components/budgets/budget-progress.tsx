import { cn } from "@/components/ui/cn";
import { usd } from "@/lib/format";
import type { Budget } from "@/lib/schemas/budgets";

/** Spend against the amount as a bar, the forecast as a marker, and the thresholds as ticks. */
export function BudgetProgress({ budget }: { budget: Budget }) {
  const { month, amountUsd } = budget;
  const scale = Math.max(amountUsd, month.forecastUsd, month.spentUsd) || 1;
  const at = (usdValue: number) => `${Math.min(100, (usdValue / scale) * 100)}%`;
  const over = month.spentUsd >= amountUsd;
  const heading = month.forecastUsd > amountUsd;
  return (
    <div className="grid gap-1.5">
      <div
        role="meter"
        aria-label={`${budget.name}: ${usd(month.spentUsd)} of ${usd(amountUsd)} spent`}
        aria-valuemin={0}
        aria-valuemax={amountUsd}
        aria-valuenow={Math.min(month.spentUsd, amountUsd)}
        className="relative h-2.5 w-full overflow-hidden rounded-full bg-slate-900/10 dark:bg-white/10"
      >
        <div className={cn("h-full rounded-full", over ? "bg-red-600" : heading ? "bg-amber-500" : "bg-brand-600")} style={{ width: at(month.spentUsd) }} />
        {budget.thresholds.map((t) => (
          <span key={t} aria-hidden className="absolute top-0 h-full w-px bg-slate-900/40 dark:bg-white/50" style={{ left: at((amountUsd * t) / 100) }} />
        ))}
        {month.forecastUsd > month.spentUsd ? <span aria-hidden className="absolute top-0 h-full w-0.5 bg-slate-900 dark:bg-white" style={{ left: at(month.forecastUsd) }} /> : null}
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        <span className="font-medium text-slate-900 dark:text-slate-100">{usd(month.spentUsd)}</span> of {usd(amountUsd)} ({month.percent} %) ·
        forecast <span className={cn("font-medium", heading ? "text-red-700 dark:text-red-400" : "text-slate-900 dark:text-slate-100")}>{usd(month.forecastUsd)}</span> by the end of {month.month} · day {month.daysElapsed} of {month.daysInMonth}
      </p>
    </div>
  );
}
