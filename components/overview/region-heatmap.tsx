import Link from "next/link";
import { cn } from "@/components/ui/cn";
import type { AgentStatus } from "@/lib/schemas/agents";
import type { RegionCell } from "@/lib/schemas/overview";
import { plural } from "@/lib/format";

const COLUMNS: { status: AgentStatus; label: string; rgb: string }[] = [
  { status: "online", label: "Online", rgb: "16 185 129" },
  { status: "degraded", label: "Degraded", rgb: "245 158 11" },
  { status: "stale", label: "Stale", rgb: "234 179 8" },
  { status: "offline", label: "Offline", rgb: "239 68 68" },
  { status: "paused", label: "Paused", rgb: "100 116 139" },
];

const loadRgb = (cpu: number) => (cpu >= 85 ? "239 68 68" : cpu >= 60 ? "245 158 11" : "16 185 129");
const shade = (rgb: string, share: number) => ({ backgroundColor: `rgb(${rgb} / ${share === 0 ? 0 : 0.12 + share * 0.5})` });
const cellLink = "flex h-full min-h-11 flex-col justify-center rounded-lg px-2 py-1.5 text-center tabular-nums ring-inset hover:ring-2 hover:ring-brand-500/50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500";

/**
 * Regions against status and load: each cell's shade is the share of the region's agents in that
 * state (the number is always shown, so colour is never the only cue); each cell opens the list.
 */
export function RegionHeatmap({ regions, fleetId }: { regions: RegionCell[]; fleetId?: string }) {
  const extra = fleetId ? `&fleetId=${fleetId}` : "";
  return (
    <div className="overflow-x-auto rounded-lg focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500" tabIndex={0} role="region" aria-label="Fleet heatmap">
      <table className="w-full min-w-[36rem] border-separate border-spacing-1 text-sm">
        <caption className="sr-only">Agents by region and status, with the average CPU load of the running ones</caption>
        <thead>
          <tr className="text-xs text-slate-500">
            <th scope="col" className="px-2 text-left font-medium">Region</th>
            {COLUMNS.map((c) => <th key={c.status} scope="col" className="font-medium">{c.label}</th>)}
            <th scope="col" className="font-medium">CPU load</th>
          </tr>
        </thead>
        <tbody>
          {regions.map((r) => {
            const region = r.region || "none";
            const regionParam = r.region ? `region=${encodeURIComponent(r.region)}` : "";
            return (
              <tr key={region}>
                <th scope="row" className="px-2 text-left font-medium">
                  {r.region ? <Link className="hover:underline" href={`/dashboard/agents?${regionParam}${extra}`}>{r.region}</Link> : <span className="text-slate-500">no region</span>}
                  <span className="block text-xs font-normal text-slate-500">{plural(r.total, "agent")}</span>
                </th>
                {COLUMNS.map((c) => {
                  const n = r.counts[c.status] ?? 0;
                  const href = `/dashboard/agents?status=${c.status}${regionParam ? `&${regionParam}` : ""}${extra}`;
                  return (
                    <td key={c.status} className="p-0">
                      <Link href={href} className={cn(cellLink, n === 0 && "text-slate-500 dark:text-slate-400")} style={shade(c.rgb, r.total ? n / r.total : 0)} aria-label={`${region}: ${n} ${c.label.toLowerCase()}`}>
                        {n}
                      </Link>
                    </td>
                  );
                })}
                <td className="p-0">
                  {r.avgCpuPct === null ? (
                    <span className={cn(cellLink, "text-slate-500 dark:text-slate-400")}>—</span>
                  ) : (
                    <Link href={`/dashboard/agents?${regionParam || "sort=-created"}${extra}`} className={cellLink} style={shade(loadRgb(r.avgCpuPct), Math.min(1, r.avgCpuPct / 100))} aria-label={`${region}: average CPU ${r.avgCpuPct} %, peak ${r.maxCpuPct ?? "—"} %`}>
                      <span className="font-medium">{r.avgCpuPct} %</span>
                      <span className="text-[11px] text-slate-800 dark:text-slate-100">peak {r.maxCpuPct ?? "—"} %</span>
                    </Link>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
