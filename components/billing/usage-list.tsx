import { cn } from "@/components/ui/cn";
import type { LimitUsage } from "@/lib/schemas/billing";

const tone = (ratio: number) => (ratio >= 1 ? "bg-red-500" : ratio >= 0.8 ? "bg-amber-500" : "bg-brand-500");

/** Each limit with what the team uses against it; a bar where there is a count and a maximum. */
export function UsageList({ usage }: { usage: LimitUsage[] }) {
  return (
    <ul className="grid gap-4 sm:grid-cols-2">
      {usage.map(({ limit, label, max, used }) => {
        const ratio = max && used !== null ? Math.min(1, used / max) : 0;
        const figure = used === null ? (max === null ? "Unlimited" : `${max}`) : max === null ? `${used} (unlimited)` : `${used} of ${max}`;
        return (
          <li key={limit} className="grid gap-1.5">
            <div className="flex items-baseline justify-between gap-3 text-sm">
              <span className="font-medium">{label}</span>
              <span className="tabular-nums text-slate-600 dark:text-slate-400">{figure}</span>
            </div>
            {max !== null && used !== null ? (
              <div role="progressbar" aria-label={`${label}: ${figure}`} aria-valuemin={0} aria-valuemax={max} aria-valuenow={Math.min(used, max)} className="h-2 overflow-hidden rounded-full bg-slate-500/15">
                <div className={cn("h-full rounded-full", tone(used / max))} style={{ width: `${Math.max(ratio * 100, used > 0 ? 2 : 0)}%` }} />
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
