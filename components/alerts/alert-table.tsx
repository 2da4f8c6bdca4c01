"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { RelativeTime } from "@/components/dashboard/relative-time";
import { useLiveEvents } from "@/components/live/live-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import type { Alert } from "@/lib/schemas/alerts";

const STATE = { open: "danger", acknowledged: "warning", resolved: "success" } as const;
const SEVERITY: Record<string, "danger" | "warning" | "neutral"> = { critical: "danger", warning: "warning", info: "neutral" };

/** Alerts with who did what; acknowledge and resolve for maintainers; refreshes itself as alerts change. */
export function AlertTable({ alerts, canRespond }: { alerts: Alert[]; canRespond: boolean }) {
  const router = useRouter();
  useLiveEvents((event) => {
    if (event.type === "alert.changed" || event.type === "resync") router.refresh();
  });
  async function respond(id: string, action: "ack" | "resolve") {
    try {
      await apiFetch(`/api/alerts/${id}/${action}`, { method: "POST" });
      toast.success(action === "ack" ? "Acknowledged" : "Resolved");
      router.refresh();
    } catch (e) {
      toast.error(e instanceof ApiError ? e.message : "Could not update the alert");
    }
  }
  if (alerts.length === 0) return <EmptyState title="No alerts">When a rule fires, its alerts appear here, live.</EmptyState>;
  return (
    <Table aria-label="Alerts">
      <THead><tr><TH>Alert</TH><TH>Agent</TH><TH>State</TH><TH>Opened</TH><TH>Who</TH>{canRespond ? <TH><span className="sr-only">Actions</span></TH> : null}</tr></THead>
      <TBody>
        {alerts.map((a) => (
          <TR key={a.id} data-alert-id={a.id} data-state={a.state}>
            <TD>
              <span className="flex flex-wrap items-center gap-2 font-medium">{a.ruleName} <Badge tone={SEVERITY[a.severity] ?? "neutral"}>{a.severity}</Badge>{a.silenced ? <Badge>snoozed: not notified</Badge> : null}</span>
              <span className="block text-xs text-slate-600 dark:text-slate-400">{a.detail}</span>
            </TD>
            <TD>{a.agentId ? <Link className="hover:underline" href={`/dashboard/agents/${a.agentId}`}>{a.agentName}</Link> : "—"}</TD>
            <TD><Badge tone={STATE[a.state]}>{a.state}</Badge></TD>
            <TD className="whitespace-nowrap"><RelativeTime iso={a.openedAt} /></TD>
            <TD className="text-xs text-slate-600 dark:text-slate-400">
              {a.acknowledgedBy ? <span className="block">acknowledged by {a.acknowledgedBy}</span> : null}
              {a.resolvedBy ? <span className="block">resolved {a.resolvedBy === "automatically" ? "automatically" : `by ${a.resolvedBy}`}</span> : null}
            </TD>
            {canRespond ? (
              <TD className="text-right">
                {a.state === "open" ? <Button size="sm" variant="secondary" onClick={() => void respond(a.id, "ack")}>Acknowledge</Button> : null}
                {a.state !== "resolved" ? <Button size="sm" variant="ghost" onClick={() => void respond(a.id, "resolve")}>Resolve</Button> : null}
              </TD>
            ) : null}
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
