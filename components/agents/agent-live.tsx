"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { AuditTable } from "@/components/audit/audit-table";
import { PageHeader } from "@/components/dashboard/page-header";
import { RelativeTime } from "@/components/dashboard/relative-time";
import { useLiveEvents } from "@/components/live/live-provider";
import { EventList } from "@/components/overview/event-list";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { Agent } from "@/lib/schemas/agents";
import type { AuditEntry } from "@/lib/schemas/audit";
import type { Command } from "@/lib/schemas/commands";
import type { HeartbeatRow } from "@/lib/schemas/metrics";
import type { AgentEvent } from "@/lib/schemas/overview";
import { AgentActions } from "./agent-actions";
import { AgentFacts } from "./agent-facts";
import { applyLiveEvent } from "./agents-table";
import { CommandList } from "./command-list";
import { PairingPanel } from "./pairing-panel";
import { RecentHeartbeats } from "./recent-heartbeats";
import { SnoozeControl } from "./snooze-control";
import { StatusBadge } from "./status-badge";

type Initial = { agent: Agent; commands: Command[]; heartbeats: HeartbeatRow[]; events: AgentEvent[]; audit: AuditEntry[]; snooze: { id: string; endsAt: string } | null };
const OPEN = new Set(["pending", "delivered"]);

/** The agent page's live part: state, heartbeats, commands and status changes update as events arrive. */
export function AgentLive({ initial, canPair, canCommand, charts }: { initial: Initial; canPair: boolean; canCommand: boolean; charts: React.ReactNode }) {
  const id = initial.agent.id;
  const [agent, setAgent] = useState(initial.agent);
  const [commands, setCommands] = useState(initial.commands);
  const [heartbeats, setHeartbeats] = useState(initial.heartbeats);
  const [events, setEvents] = useState(initial.events);
  const [audit, setAudit] = useState(initial.audit);
  const pending = useRef(false);

  const reload = useCallback(async () => {
    const [a, c, e, au] = await Promise.all([
      apiFetch<{ agent: Agent }>(`/api/agents/${id}`),
      apiFetch<{ commands: Command[] }>(`/api/agents/${id}/commands`),
      apiFetch<{ events: AgentEvent[] }>(`/api/agents/${id}/events`),
      apiFetch<{ entries: AuditEntry[] }>(`/api/audit?target=${id}&limit=20`).catch(() => ({ entries: [] })),
    ]).catch(() => []);
    if (a) setAgent(a.agent);
    if (c) setCommands(c.commands);
    if (e) setEvents(e.events);
    if (au) setAudit(au.entries);
  }, [id]);
  const reloadCommands = () => {
    if (pending.current) return;
    pending.current = true;
    setTimeout(() => {
      pending.current = false;
      void apiFetch<{ commands: Command[] }>(`/api/agents/${id}/commands`).then((c) => setCommands(c.commands), () => {});
    }, 500);
  };

  useLiveEvents((event) => {
    if (event.type === "resync") return void reload();
    if (event.type === "alert.changed" || event.type === "batch.changed" || event.agentId !== id) return;
    setAgent((a) => applyLiveEvent(a, event));
    if (event.type === "agent.heartbeat") {
      setHeartbeats((h) => [
        { receivedAt: event.at, seq: event.seq, status: event.status === "degraded" ? "degraded" : "ok", gatewayHealthy: event.healthy, rttMs: event.rttMs, cpuPct: event.cpuPct, memUsedPct: event.memUsedPct },
        ...h,
      ].slice(0, 20));
      if (!agent.paired) void reload();
      if (commands.some((c) => OPEN.has(c.status))) reloadCommands();
    } else {
      setEvents((e) => [{ id: `live-${event.at}`, agentId: id, agentName: event.name, fleetId: event.fleetId, from: event.from, to: event.to, at: event.at }, ...e].slice(0, 50));
    }
  });
  // Until the host pairs, look now and then as well: pairing itself sends no event.
  useEffect(() => {
    if (agent.paired) return;
    const timer = setInterval(() => void reload(), 4000);
    return () => clearInterval(timer);
  }, [agent.paired, reload]);

  return (
    <>
      <PageHeader
        title={agent.name}
        description={<span className="flex flex-wrap items-center gap-2"><span data-testid="agent-status"><StatusBadge status={agent.status} /></span> last seen <RelativeTime iso={agent.lastSeenAt} /></span>}
        actions={
          <>
            <SnoozeControl scopeId={agent.id} initial={initial.snooze} canManage={canPair} />
            <AgentActions agent={agent} canPair={canPair} canCommand={canCommand} onDone={() => void reload()} />
          </>
        }
      />
      <div className="grid gap-6">
        {canPair && !agent.paired ? <PairingPanel agentId={agent.id} paired={agent.paired} /> : null}
        <Card>
          <CardHeader><CardTitle>Latest state</CardTitle></CardHeader>
          <AgentFacts agent={agent} />
        </Card>
        {charts}
        <Card>
          <CardHeader><CardTitle>Commands</CardTitle></CardHeader>
          <CommandList commands={commands} />
        </Card>
        <Card>
          <Tabs defaultValue="heartbeats">
            <TabsList aria-label="Agent history">
              <TabsTrigger value="heartbeats">Recent heartbeats</TabsTrigger>
              <TabsTrigger value="events">Status changes</TabsTrigger>
              <TabsTrigger value="audit">Audit</TabsTrigger>
            </TabsList>
            <TabsContent value="heartbeats"><RecentHeartbeats heartbeats={heartbeats} /></TabsContent>
            <TabsContent value="events">{events.length ? <EventList events={events} showAgent={false} /> : <EmptyState title="No status changes yet" />}</TabsContent>
            <TabsContent value="audit">{audit.length ? <AuditTable entries={audit} /> : <EmptyState title="Nothing recorded for this agent yet" />}</TabsContent>
          </Tabs>
        </Card>
      </div>
    </>
  );
}
