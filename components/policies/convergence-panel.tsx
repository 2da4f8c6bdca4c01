"use client";

import Link from "next/link";
import { useLiveRefresh } from "@/components/live/use-live-refresh";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import type { PolicyConvergenceResponse } from "@/lib/schemas/policies";

const TONE = { current: "success", pending: "warning", failed: "danger" } as const;
const REFRESH_MS = 1000;

/** Agents in scope on their effective revision, pending or failed, refreshed as their heartbeats arrive. */
export function ConvergencePanel({ policyId, initial }: { policyId: string; initial: PolicyConvergenceResponse }) {
  const { data, error } = useLiveRefresh(`/api/policies/${policyId}/convergence`, initial, REFRESH_MS, (event, now) => event.type === "agent.heartbeat" && now.agents.some((a) => a.id === event.agentId));
  const { counts } = data;
  return (
    <Card className="mt-6" data-testid="convergence">
      <CardHeader>
        <div>
          <CardTitle>Convergence</CardTitle>
          <CardDescription>Whether each agent in scope runs its effective revision (live, as heartbeats arrive).</CardDescription>
        </div>
      </CardHeader>
      <p className="mb-3 flex flex-wrap gap-2" role="status" aria-live="polite" data-testid="convergence-counts">
        <Badge tone="success">{counts.current} current</Badge>
        <Badge tone="warning">{counts.pending} pending</Badge>
        <Badge tone="danger">{counts.failed} failed</Badge>
        <span className="text-sm text-slate-600 dark:text-slate-400">of {counts.total}</span>
      </p>
      {error ? <p role="alert" className="mb-2 text-sm text-red-700 dark:text-red-400">Could not refresh; showing the last figures.</p> : null}
      {data.agents.length ? (
        <Table aria-label="Agents in scope">
          <THead><tr><TH>Agent</TH><TH>State</TH><TH>Runs</TH><TH>Should run</TH><TH>Reason</TH></tr></THead>
          <TBody>
            {data.agents.map((a) => (
              <TR key={a.id}>
                <TD><Link className="text-brand-600 hover:underline dark:text-brand-500" href={`/dashboard/agents/${a.id}`}>{a.name}</Link></TD>
                <TD><Badge tone={TONE[a.state]}>{a.state}</Badge></TD>
                <TD className="tabular-nums">{a.appliedRevision || "none"}</TD>
                <TD className="tabular-nums">{a.effectiveRevision || "none"}</TD>
                <TD className="max-w-md break-words">{a.message ?? "—"}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      ) : (
        <EmptyState title="No agents in scope">Agents of this level appear here once they exist.</EmptyState>
      )}
    </Card>
  );
}
