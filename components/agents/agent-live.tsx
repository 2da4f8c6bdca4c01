"use client";

import { useEffect, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { PageHeader } from "@/components/dashboard/page-header";
import { RelativeTime } from "@/components/dashboard/relative-time";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import type { Agent } from "@/lib/schemas/agents";
import type { Command } from "@/lib/schemas/commands";
import { AgentActions } from "./agent-actions";
import { CommandList } from "./command-list";
import { PairingPanel } from "./pairing-panel";
import { StatusBadge } from "./status-badge";

const fmt = (v: number | undefined, unit: string, digits = 1) => (v === undefined ? "—" : `${v.toFixed(digits)}${unit}`);

/** The agent page's live part: state refreshes itself every few seconds while the page is open. */
export function AgentLive({ initial, initialCommands, canPair, canCommand }: { initial: Agent; initialCommands: Command[]; canPair: boolean; canCommand: boolean }) {
  const [agent, setAgent] = useState(initial);
  const [commands, setCommands] = useState(initialCommands);
  useEffect(() => {
    const timer = setInterval(async () => {
      const [a, c] = await Promise.all([
        apiFetch<{ agent: Agent }>(`/api/agents/${initial.id}`).catch(() => null),
        apiFetch<{ commands: Command[] }>(`/api/agents/${initial.id}/commands`).catch(() => null),
      ]);
      if (a) setAgent(a.agent);
      if (c) setCommands(c.commands);
    }, 3000);
    return () => clearInterval(timer);
  }, [initial.id]);

  const m = agent.metrics;
  const facts = [
    ["Gateway", agent.gateway ? (agent.gateway.healthy ? "healthy" : agent.gateway.reachable ? "unhealthy" : "unreachable") : "—"],
    ["Gateway RTT", agent.gateway?.rttMs != null ? `${agent.gateway.rttMs.toFixed(1)} ms` : "—"],
    ["Host", agent.hostname || "—"],
    ["Region", agent.region || "—"],
    ["CPU", fmt(m?.cpuPct, " %")],
    ["Memory", fmt(m?.memUsedPct, " %")],
    ["Memory pressure", fmt(m?.memPressurePct, " %", 2)],
    ["Load (1 min)", fmt(m?.load1, "", 2)],
  ];
  return (
    <>
      <PageHeader
        title={agent.name}
        description={<span className="flex items-center gap-2" aria-live="polite"><StatusBadge status={agent.status} /> last seen <RelativeTime iso={agent.lastSeenAt} /></span>}
        actions={<AgentActions agent={agent} canPair={canPair} canCommand={canCommand} />}
      />
      <div className="grid gap-6">
        {canPair && !agent.paired ? <PairingPanel agentId={agent.id} paired={agent.paired} /> : null}
        <Card>
          <CardHeader><CardTitle>Latest state</CardTitle></CardHeader>
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
            {facts.map(([k, v]) => (
              <div key={k}><dt className="text-xs text-slate-500">{k}</dt><dd className="text-sm font-medium tabular-nums">{v}</dd></div>
            ))}
          </dl>
        </Card>
        <Card>
          <CardHeader><CardTitle>Commands</CardTitle></CardHeader>
          <CommandList commands={commands} />
        </Card>
      </div>
    </>
  );
}
