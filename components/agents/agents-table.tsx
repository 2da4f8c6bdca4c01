"use client";

import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useState } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import { RelativeTime } from "@/components/dashboard/relative-time";
import { useLiveEvents } from "@/components/live/live-provider";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import type { Agent, AgentSort } from "@/lib/schemas/agents";
import type { HeartbeatEvent, LiveEvent } from "@/lib/realtime/events";
import { StatusBadge } from "./status-badge";

type SortField = "name" | "status" | "lastSeen";

/** Applies a live event to one agent row (status, last seen, gateway, metrics). */
export function applyLiveEvent(agent: Agent, event: LiveEvent): Agent {
  if (event.type === "agent.status" && event.agentId === agent.id) return { ...agent, status: event.to };
  if (event.type !== "agent.heartbeat" || event.agentId !== agent.id) return agent;
  return {
    ...agent,
    status: event.status,
    lastSeenAt: event.at,
    lastSeq: event.seq,
    gateway: agent.gateway ? { ...agent.gateway, healthy: event.healthy, reachable: agent.gateway.reachable || event.healthy, rttMs: event.rttMs } : { url: "", reachable: event.healthy, healthy: event.healthy, rttMs: event.rttMs },
    metrics: { ...agent.metrics, ...(event.cpuPct !== null ? { cpuPct: event.cpuPct } : {}), ...(event.memUsedPct !== null ? { memUsedPct: event.memUsedPct } : {}) },
  };
}

export const gatewayText = (g: Agent["gateway"]) =>
  g ? `${g.healthy ? "healthy" : g.reachable ? "unhealthy" : "unreachable"}${g.rttMs !== null ? ` · ${g.rttMs.toFixed(1)} ms` : ""}` : "—";

function SortHeader({ field, label, sort }: { field: SortField; label: string; sort?: AgentSort }) {
  const pathname = usePathname();
  const params = useSearchParams();
  if (!sort) return <TH>{label}</TH>;
  const active = sort.replace("-", "") === field;
  const desc = active && sort.startsWith("-");
  const next = new URLSearchParams(params.toString());
  next.delete("cursor");
  next.set("sort", active && !desc ? `-${field}` : field);
  const Icon = !active ? ArrowUpDown : desc ? ArrowDown : ArrowUp;
  return (
    <TH aria-sort={active ? (desc ? "descending" : "ascending") : "none"}>
      <Link href={`${pathname}?${next.toString()}`} className="inline-flex items-center gap-1 rounded hover:text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 dark:hover:text-white" scroll={false}>
        {label} <Icon className="size-3" aria-hidden />
        <span className="sr-only">, sort {active && !desc ? "descending" : "ascending"}</span>
      </Link>
    </TH>
  );
}

/** Checkboxes for bulk actions: which rows are ticked, and what a tick (with Shift: a range) or the header tick does. */
export type RowSelection = { isSelected: (id: string) => boolean; page: "all" | "some" | "none"; onRow: (index: number, shift: boolean) => void; onPage: (checked: boolean) => void };

const shiftHeld = (event: Event) => event instanceof MouseEvent && event.shiftKey;

/** Agents with live status, gateway and last-seen; column headers sort through the URL when `sort` is given; ticks with `selection`. */
export function AgentsTable({ agents, fleetNames, sort, label = "Agents", selection }: { agents: Agent[]; fleetNames?: Record<string, string>; sort?: AgentSort; label?: string; selection?: RowSelection }) {
  const [rows, setRows] = useState(agents);
  const [source, setSource] = useState(agents);
  // The newest heartbeat heard per agent: a server snapshot read before it committed (a refresh
  // after a resync races with the events that follow) must not take the row back.
  const [heard, setHeard] = useState<Record<string, HeartbeatEvent>>({});
  if (source !== agents) {
    // New rows from the server (navigation, refresh): start again from them, keeping newer heartbeats.
    setSource(agents);
    setRows(agents.map((a) => {
      const newer = heard[a.id];
      return newer && newer.seq > a.lastSeq ? applyLiveEvent(a, newer) : a;
    }));
  }
  useLiveEvents((event) => {
    if (event.type === "resync" || event.type === "alert.changed" || event.type === "batch.changed" || !rows.some((a) => a.id === event.agentId)) return;
    if (event.type === "agent.heartbeat") setHeard((current) => ((current[event.agentId]?.seq ?? -1) >= event.seq ? current : { ...current, [event.agentId]: event }));
    setRows((current) => current.map((a) => applyLiveEvent(a, event)));
  });
  return (
    <Table aria-label={label}>
      <THead>
        <tr>
          {selection ? (
            <TH className="w-8">
              <Checkbox
                aria-label="Select every agent on this page"
                checked={selection.page === "all"}
                ref={(el) => void (el && (el.indeterminate = selection.page === "some"))}
                onChange={(e) => selection.onPage(e.currentTarget.checked)}
              />
            </TH>
          ) : null}
          <SortHeader field="name" label="Name" sort={sort} />
          <SortHeader field="status" label="Status" sort={sort} />
          {fleetNames ? <TH>Fleet</TH> : null}
          <TH>Region</TH>
          <TH>Gateway</TH>
          <TH className="hidden md:table-cell">CPU</TH>
          <SortHeader field="lastSeen" label="Last seen" sort={sort} />
        </tr>
      </THead>
      <TBody>
        {rows.map((a, i) => (
          <TR key={a.id} data-agent-id={a.id} data-status={a.status} data-selected={selection?.isSelected(a.id) || undefined} className={selection?.isSelected(a.id) ? "bg-brand-500/5" : undefined}>
            {selection ? (
              <TD className="w-8">
                <Checkbox aria-label={`Select ${a.name}`} checked={selection.isSelected(a.id)} onChange={(e) => selection.onRow(i, shiftHeld(e.nativeEvent))} />
              </TD>
            ) : null}
            <TD className="font-medium"><Link href={`/dashboard/agents/${a.id}`} className="hover:underline">{a.name}</Link></TD>
            <TD><StatusBadge status={a.status} /></TD>
            {fleetNames ? (
              <TD><Link href={`/dashboard/fleets/${a.fleetId}`} className="hover:underline">{fleetNames[a.fleetId] ?? "—"}</Link></TD>
            ) : null}
            <TD>{a.region || "—"}</TD>
            <TD className="text-slate-600 dark:text-slate-400">{gatewayText(a.gateway)}</TD>
            <TD className="hidden tabular-nums md:table-cell">{a.metrics?.cpuPct !== undefined ? `${a.metrics.cpuPct.toFixed(0)} %` : "—"}</TD>
            <TD className="whitespace-nowrap"><RelativeTime iso={a.lastSeenAt} /></TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
