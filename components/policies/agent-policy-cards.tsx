"use client";

import Link from "next/link";
import { useState } from "react";
import { apiFetch } from "@/components/api-client";
import { useHeartbeatRefresh } from "@/components/agents/heartbeat-refresh";
import { RelativeTime } from "@/components/dashboard/relative-time";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { flattenPolicy } from "@/lib/policies/merge";
import type { AgentPolicyResponse } from "@/lib/schemas/policies";
import { CreatePolicyButton } from "./create-policy-button";
import { LEVEL_LABELS, fieldLabel, formatValue } from "./policy-format";

const TONE = { current: "success", pending: "warning", failed: "danger" } as const;

/** The agent's effective policy with provenance and how applying it went; and what its guard refused. */
export function AgentPolicyCards({ agentId, initial, agentPolicyId, canEdit }: { agentId: string; initial: AgentPolicyResponse; agentPolicyId: string | null; canEdit: boolean }) {
  const [data, setData] = useState(initial);
  useHeartbeatRefresh(agentId, 5_000, () => {
    apiFetch<AgentPolicyResponse>(`/api/agents/${agentId}/policy`).then(setData, () => {});
  });
  const fields = [...flattenPolicy(data.effective.document)];
  const failed = data.policyStatus?.status === "failed" && data.policyStatus.version === data.effective.revision ? data.policyStatus : null;
  const guard = data.guard;
  const cap = data.effective.document.dailySpendCapUsd;
  return (
    <>
      <Card data-testid="agent-policy">
        <CardHeader>
          <div>
            <CardTitle>Policy</CardTitle>
            <CardDescription>
              Runs revision {data.appliedRevision || "none"}; its effective revision is {data.effective.revision || "none"}.{" "}
              <Badge tone={TONE[data.state]}>{data.state}</Badge>
            </CardDescription>
          </div>
          {agentPolicyId ? (
            <Link className="text-sm text-brand-600 hover:underline dark:text-brand-500" href={`/dashboard/policies/${agentPolicyId}`}>This agent&apos;s override</Link>
          ) : canEdit ? (
            <CreatePolicyButton scope="agent" targetId={agentId} label="Override for this agent" />
          ) : null}
        </CardHeader>
        {failed ? (
          <p role="alert" className="mb-3 text-sm text-red-700 dark:text-red-400">
            Revision {failed.version} failed on the gateway: {failed.message ?? "no reason given"}. The previous revision stays in force.
          </p>
        ) : null}
        {fields.length ? (
          <Table aria-label="Effective policy">
            <THead><tr><TH>Field</TH><TH>Value</TH><TH>From</TH></tr></THead>
            <TBody>
              {fields.map(([field, value]) => {
                const source = data.effective.provenance[field];
                return (
                  <TR key={field}>
                    <TD>{fieldLabel(field)}</TD>
                    <TD className="break-words">{formatValue(field, value)}</TD>
                    <TD>
                      {source ? (
                        <Link className="text-brand-600 hover:underline dark:text-brand-500" href={`/dashboard/policies/${source.policyId}`}>
                          {LEVEL_LABELS[source.level]}, revision {source.revision}
                        </Link>
                      ) : "—"}
                    </TD>
                  </TR>
                );
              })}
            </TBody>
          </Table>
        ) : (
          <EmptyState title="No policy applies">Nothing is set for this agent at team, fleet or agent level. <Link className="text-brand-600 hover:underline dark:text-brand-500" href="/dashboard/policies">Policies</Link></EmptyState>
        )}
      </Card>
      <Card data-testid="agent-refusals">
        <CardHeader>
          <div>
            <CardTitle>Refusals</CardTitle>
            <CardDescription>What the clawfleet plugin inside the gateway refused, as its last report says.</CardDescription>
          </div>
        </CardHeader>
        {guard ? (
          <>
            <dl className="mb-3 grid grid-cols-2 gap-3 text-sm sm:grid-cols-3">
              <div><dt className="text-slate-600 dark:text-slate-400">Refused since the plugin started</dt><dd className="text-lg font-semibold tabular-nums">{guard.refusals}</dd></div>
              <div><dt className="text-slate-600 dark:text-slate-400">Spend today</dt><dd className="text-lg font-semibold tabular-nums">${guard.spendTodayUsd.toFixed(2)}{cap !== undefined ? ` of $${cap}` : ""}</dd></div>
              <div><dt className="text-slate-600 dark:text-slate-400">Enforcing revision</dt><dd className="text-lg font-semibold tabular-nums">{guard.revision || "none"}</dd></div>
            </dl>
            {guard.lastRefusals.length ? (
              <Table aria-label="Last refusals">
                <THead><tr><TH>When</TH><TH>Tool</TH><TH>Reason</TH></tr></THead>
                <TBody>
                  {guard.lastRefusals.map((r, i) => (
                    <TR key={`${i}:${r.at}`}>
                      <TD className="whitespace-nowrap"><RelativeTime iso={r.at} /></TD>
                      <TD className="font-mono text-xs">{r.tool}</TD>
                      <TD className="max-w-md break-words">{r.reason}</TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            ) : <p className="text-sm text-slate-600 dark:text-slate-400">Nothing refused lately.</p>}
          </>
        ) : (
          <EmptyState title="No guard report">The agent has not reported a guard yet: the clawfleet plugin in its gateway reports what it refuses with each heartbeat.</EmptyState>
        )}
      </Card>
    </>
  );
}
