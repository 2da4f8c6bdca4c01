import Link from "next/link";
import { StatusBadge } from "@/components/agents/status-badge";
import type { AgentStatus } from "@/lib/schemas/agents";
import type { Overview } from "@/lib/schemas/overview";

const ORDER: AgentStatus[] = ["online", "degraded", "stale", "offline", "paused", "pending"];

/** One tile per status, each a link to the agents list filtered to it. */
export function StatusCounts({ overview, base = "/dashboard/agents", extra = "" }: { overview: Overview; base?: string; extra?: string }) {
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label="Agents by status">
      {ORDER.map((status) => (
        <li key={status}>
          <Link
            href={`${base}?status=${status}${extra}`}
            className="glass block rounded-2xl p-4 transition-colors hover:bg-white/75 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 dark:hover:bg-slate-900/70"
            data-testid={`count-${status}`}
          >
            <StatusBadge status={status} />
            <span className="mt-2 block text-3xl font-semibold tabular-nums">{overview.counts[status] ?? 0}</span>
            <span className="sr-only"> agents {status}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
