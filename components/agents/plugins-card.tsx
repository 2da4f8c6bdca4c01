"use client";

import { useState } from "react";
import { apiFetch } from "@/components/api-client";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import type { Agent, PluginReport } from "@/lib/schemas/agents";
import { useHeartbeatRefresh } from "./heartbeat-refresh";

const duration = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

/** The agent's custom metric plugins as its last heartbeat reported them: ok or the error, and how long each took. */
export function PluginsCard({ agentId, initial }: { agentId: string; initial: PluginReport[] | null }) {
  const [plugins, setPlugins] = useState(initial);
  useHeartbeatRefresh(agentId, 15_000, () => {
    apiFetch<{ agent: Agent }>(`/api/agents/${agentId}`).then((r) => setPlugins(r.agent.plugins ?? null), () => {});
  });
  const failing = plugins?.filter((p) => !p.ok).length ?? 0;
  return (
    <Card data-testid="plugins-card">
      <CardHeader>
        <div>
          <CardTitle>Plugins</CardTitle>
          <CardDescription>
            {plugins?.length ? `${plugins.length} on the host, ${failing ? `${failing} failing` : "all ok"}, as of the last heartbeat.` : "Custom metrics from scripts and programs on the host."}
          </CardDescription>
        </div>
      </CardHeader>
      {plugins?.length ? (
        <Table aria-label="Plugins">
          <THead><tr><TH>Plugin</TH><TH>Last run</TH><TH>Error</TH><TH>Took</TH></tr></THead>
          <TBody>
            {plugins.map((p, i) => (
              <TR key={`${i}:${p.name}`}>
                <TD className="font-mono text-xs">{p.name}</TD>
                <TD><Badge tone={p.ok ? "success" : "danger"}>{p.ok ? "ok" : "error"}</Badge></TD>
                <TD className="max-w-md break-words">{p.error ?? "—"}</TD>
                <TD className="whitespace-nowrap tabular-nums">{duration(p.durationMs)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      ) : (
        <EmptyState title="No plugins reported">
          To add one, drop an executable (a Python or shell script, a binary) or a <code>.mjs</code> module into{" "}
          <code>~/.config/clawfleet/plugins/</code> on the host. clawfleet runs each one every heartbeat and charts what it prints:{" "}
          <code>{'{"metrics": {"queue_length": 12}}'}</code> or Prometheus text.
        </EmptyState>
      )}
    </Card>
  );
}
