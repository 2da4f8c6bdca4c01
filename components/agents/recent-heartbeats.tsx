import { RelativeTime } from "@/components/dashboard/relative-time";
import { EmptyState } from "@/components/ui/empty-state";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import type { HeartbeatRow } from "@/lib/schemas/metrics";

const num = (v: number | null, unit: string) => (v === null ? "—" : `${v.toFixed(1)}${unit}`);

/** The latest heartbeats, newest first. */
export function RecentHeartbeats({ heartbeats }: { heartbeats: HeartbeatRow[] }) {
  if (heartbeats.length === 0) return <EmptyState title="No heartbeats yet">They appear here as soon as the agent reports.</EmptyState>;
  return (
    <Table aria-label="Recent heartbeats">
      <THead><tr><TH>Received</TH><TH>Seq</TH><TH>Agent said</TH><TH>Gateway</TH><TH>RTT</TH><TH>CPU</TH><TH>Memory</TH></tr></THead>
      <TBody>
        {heartbeats.map((h) => (
          <TR key={`${h.seq}-${h.receivedAt}`}>
            <TD className="whitespace-nowrap"><RelativeTime iso={h.receivedAt} /></TD>
            <TD className="tabular-nums">{h.seq}</TD>
            <TD>{h.status}</TD>
            <TD>{h.gatewayHealthy === null ? "—" : h.gatewayHealthy ? "healthy" : "unhealthy"}</TD>
            <TD className="tabular-nums">{num(h.rttMs, " ms")}</TD>
            <TD className="tabular-nums">{num(h.cpuPct, " %")}</TD>
            <TD className="tabular-nums">{num(h.memUsedPct, " %")}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
