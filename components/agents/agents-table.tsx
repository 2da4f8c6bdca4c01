import Link from "next/link";
import { RelativeTime } from "@/components/dashboard/relative-time";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import type { Agent } from "@/lib/schemas/agents";
import { StatusBadge } from "./status-badge";

export function AgentsTable({ agents, fleetNames }: { agents: Agent[]; fleetNames?: Map<string, string> }) {
  return (
    <Table aria-label="Agents">
      <THead>
        <tr>
          <TH>Name</TH>
          <TH>Status</TH>
          {fleetNames ? <TH>Fleet</TH> : null}
          <TH>Region</TH>
          <TH>Gateway</TH>
          <TH>Last seen</TH>
        </tr>
      </THead>
      <TBody>
        {agents.map((a) => (
          <TR key={a.id}>
            <TD className="font-medium"><Link href={`/dashboard/agents/${a.id}`} className="hover:underline">{a.name}</Link></TD>
            <TD><StatusBadge status={a.status} /></TD>
            {fleetNames ? (
              <TD><Link href={`/dashboard/fleets/${a.fleetId}`} className="hover:underline">{fleetNames.get(a.fleetId) ?? "—"}</Link></TD>
            ) : null}
            <TD>{a.region || "—"}</TD>
            <TD className="text-slate-600 dark:text-slate-400">
              {a.gateway ? `${a.gateway.healthy ? "healthy" : a.gateway.reachable ? "unhealthy" : "unreachable"}${a.gateway.rttMs !== null ? ` · ${a.gateway.rttMs.toFixed(1)} ms` : ""}` : "—"}
            </TD>
            <TD className="whitespace-nowrap"><RelativeTime iso={a.lastSeenAt} /></TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
