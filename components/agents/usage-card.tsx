"use client";

import { useState } from "react";
import { apiFetch } from "@/components/api-client";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { plural, usd } from "@/lib/format";
import type { UsageRow } from "@/lib/schemas/usage";
import { useHeartbeatRefresh } from "./heartbeat-refresh";

type Usage = { usage: UsageRow[]; totals: { costUsd: number; inputTokens: number; outputTokens: number; missingCostEntries: number }; usageError: string | null };

const count = (v: number) => Math.round(v).toLocaleString("en");

/** Tokens and cost per day and model, as the agent's gateway recorded and priced them, kept current. */
export function UsageCard({ agentId, initial }: { agentId: string; initial: Usage }) {
  const [data, setData] = useState(initial);
  const [failed, setFailed] = useState(false);
  // A heartbeat may carry new usage: look again, at most every 10 s.
  useHeartbeatRefresh(agentId, 10_000, () => {
    apiFetch<Usage>(`/api/agents/${agentId}/usage?days=30`).then((d) => (setData(d), setFailed(false)), () => setFailed(true));
  });

  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Usage and cost</CardTitle>
          <CardDescription>The last 30 days per UTC day and model, as the agent&apos;s OpenClaw gateway recorded and priced them.</CardDescription>
        </div>
        {data.usage.length ? <p className="text-sm font-medium" data-testid="usage-total">{usd(data.totals.costUsd)} in 30 days</p> : null}
      </CardHeader>
      {data.usageError ? <p role="status" className="mb-3 text-sm text-amber-800 dark:text-amber-300">The agent cannot read its gateway&apos;s usage: {data.usageError}</p> : null}
      {failed ? <p role="alert" className="mb-3 text-sm text-red-600">Could not refresh usage; showing what was loaded before.</p> : null}
      {data.usage.length === 0 ? (
        <EmptyState title="No usage yet">Token usage and cost appear here once the gateway has run agent turns and the agent has reported them.</EmptyState>
      ) : null}
      {data.usage.length ? (
        <Table aria-label="Usage per day and model">
          <THead>
            <tr><TH>Day</TH><TH>Model</TH><TH className="text-right">Input</TH><TH className="text-right">Output</TH><TH className="text-right">Cache read</TH><TH className="text-right">Cache write</TH><TH className="text-right">Calls</TH><TH className="text-right">Cost</TH></tr>
          </THead>
          <TBody>
            {data.usage.map((u) => (
              <TR key={`${u.day}|${u.provider}|${u.model}|${u.source}`} data-usage-model={u.model}>
                <TD className="whitespace-nowrap">{u.day}</TD>
                <TD>
                  <span className="font-mono text-xs">{u.provider ? `${u.provider}/` : ""}{u.model}</span>{" "}
                  {u.source === "agent" ? <Badge tone="neutral" title="Reported by the agent, not read from the gateway">reported</Badge> : null}
                </TD>
                <TD className="text-right tabular-nums">{count(u.inputTokens)}</TD>
                <TD className="text-right tabular-nums">{count(u.outputTokens)}</TD>
                <TD className="text-right tabular-nums">{count(u.cacheReadTokens)}</TD>
                <TD className="text-right tabular-nums">{count(u.cacheWriteTokens)}</TD>
                <TD className="text-right tabular-nums">{u.calls ? count(u.calls) : "—"}</TD>
                <TD className="text-right tabular-nums">
                  {usd(u.costUsd)}
                  {u.missingCostEntries ? <span className="block text-xs text-amber-800 dark:text-amber-300">+ {plural(u.missingCostEntries, "unpriced call")}</span> : null}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      ) : null}
    </Card>
  );
}
