"use client";

import Link from "next/link";
import { useLiveRefresh } from "@/components/live/use-live-refresh";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import type { SecretsConvergenceResponse } from "@/lib/schemas/secrets";

const TONE = { current: "success", pending: "warning", failed: "danger", no_key: "danger" } as const;
const LABEL = { current: "current", pending: "pending", failed: "failed", no_key: "no key" } as const;
const REFRESH_MS = 1000;

/** Whether each agent runs its effective secrets version, refreshed as heartbeats arrive. */
export function SecretsConvergencePanel({ initial }: { initial: SecretsConvergenceResponse }) {
  const { data, error } = useLiveRefresh("/api/secrets/convergence", initial, REFRESH_MS, (event) => event.type === "agent.heartbeat");
  const { counts } = data;
  return (
    <Card className="mt-6" data-testid="secrets-convergence">
      <CardHeader>
        <div>
          <CardTitle>Convergence</CardTitle>
          <CardDescription>Whether each agent&apos;s gateway runs its current secrets (live, as heartbeats arrive). Agents without a key run a clawfleet from before secrets: upgrade it.</CardDescription>
        </div>
      </CardHeader>
      <p className="mb-3 flex flex-wrap gap-2" role="status" aria-live="polite" data-testid="secrets-convergence-counts">
        <Badge tone="success">{counts.current} current</Badge>
        <Badge tone="warning">{counts.pending} pending</Badge>
        <Badge tone="danger">{counts.failed} failed</Badge>
        <Badge tone="danger">{counts.no_key} without a key</Badge>
        <span className="text-sm text-slate-600 dark:text-slate-400">of {counts.total}</span>
      </p>
      {error ? <p role="alert" className="mb-2 text-sm text-red-700 dark:text-red-400">Could not refresh; showing the last figures.</p> : null}
      {data.agents.length ? (
        <Table aria-label="Agents and their secrets">
          <THead><tr><TH>Agent</TH><TH>State</TH><TH>Runs</TH><TH>Should run</TH><TH>Reason</TH></tr></THead>
          <TBody>
            {data.agents.map((a) => (
              <TR key={a.id}>
                <TD><Link className="text-brand-600 hover:underline dark:text-brand-500" href={`/dashboard/agents/${a.id}`}>{a.name}</Link></TD>
                <TD><Badge tone={TONE[a.state]}>{LABEL[a.state]}</Badge></TD>
                <TD className="tabular-nums">{a.appliedVersion || "none"}</TD>
                <TD className="tabular-nums">{a.effectiveVersion || "none"}</TD>
                <TD className="max-w-md break-words">{a.message ?? "—"}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      ) : (
        <EmptyState title="No agents yet">Agents appear here once they exist; each receives the secrets of its team, its fleet and its own.</EmptyState>
      )}
    </Card>
  );
}
