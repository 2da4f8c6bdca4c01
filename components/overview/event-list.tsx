import Link from "next/link";
import { StatusBadge } from "@/components/agents/status-badge";
import { RelativeTime } from "@/components/dashboard/relative-time";
import type { AgentStatus } from "@/lib/schemas/agents";
import type { AgentEvent } from "@/lib/schemas/overview";

const asStatus = (s: string) => s as AgentStatus;

/** Status changes, newest first: who, from what to what, when. */
export function EventList({ events, showAgent = true }: { events: AgentEvent[]; showAgent?: boolean }) {
  return (
    <ol className="grid gap-2" aria-label="Recent status changes">
      {events.map((e) => (
        <li key={e.id} className="flex flex-wrap items-center gap-2 text-sm">
          {showAgent ? <Link href={`/dashboard/agents/${e.agentId}`} className="font-medium hover:underline">{e.agentName}</Link> : null}
          <StatusBadge status={asStatus(e.from)} />
          <span aria-label="changed to">→</span>
          <StatusBadge status={asStatus(e.to)} />
          <span className="ml-auto text-xs text-slate-500"><RelativeTime iso={e.at} /></span>
        </li>
      ))}
    </ol>
  );
}
