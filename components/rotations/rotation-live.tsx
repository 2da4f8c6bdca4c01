"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { z } from "zod";
import { ApiError, apiFetch } from "@/components/api-client";
import { RelativeTime } from "@/components/dashboard/relative-time";
import { useLiveRefresh } from "@/components/live/use-live-refresh";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { LEVEL_LABELS } from "@/components/policies/policy-format";
import type { RotationDetailResponse, RotationRevertResponse } from "@/lib/schemas/rotations";
import { plural } from "@/lib/format";

type Detail = z.infer<typeof RotationDetailResponse>;
type Reverted = z.infer<typeof RotationRevertResponse>;
const TONE = { confirmed: "success", pending: "warning", failed: "danger" } as const;
const PIN_TONE = { done: "success", pending: "brand", failed: "danger", expired: "warning", none: "neutral" } as const;
const REFRESH_MS = 500;

/** How many agents confirm the backup (read back from their gateways) and which failed, refreshed as their heartbeats arrive; Revert, confirmed. */
export function RotationLive({ initial, canRevert }: { initial: Detail; canRevert: boolean }) {
  const id = initial.rotation.id;
  const { data, error, refresh } = useLiveRefresh(`/api/rotations/${id}`, initial, REFRESH_MS, (event, now) =>
    (event.type === "agent.heartbeat" && now.agents.some((a) => a.id === event.agentId)) || (event.type === "batch.changed" && event.batchId === now.rotation.batchId));
  const { rotation, agents, policies } = data;
  const { counts, pins } = rotation;
  const pct = counts.total ? Math.round((counts.confirmed / counts.total) * 100) : 0;
  return (
    <>
      <Card data-testid="rotation-progress">
        <CardHeader>
          <div>
            <CardTitle>Confirmed by the gateways</CardTitle>
            <CardDescription>An agent counts once its gateway reports {rotation.backup} as its primary model (read back from its config, live as heartbeats arrive).</CardDescription>
          </div>
          {canRevert && !rotation.revertedAt ? <RevertButton id={id} backup={rotation.backup} policies={policies.length} onDone={refresh} /> : null}
        </CardHeader>
        {rotation.revertedAt ? (
          <p role="status" className="mb-3 rounded-lg bg-amber-500/10 px-3 py-2 text-sm">
            Reverted <RelativeTime iso={rotation.revertedAt} />{rotation.revertedBy ? ` by ${rotation.revertedBy}` : ""}: the policies went back to their documents from before.
          </p>
        ) : null}
        <p className="mb-3 flex flex-wrap items-center gap-2" role="status" aria-live="polite" data-testid="rotation-counts">
          <Badge tone="success">{counts.confirmed} confirmed</Badge>
          <Badge tone="warning">{counts.pending} pending</Badge>
          <Badge tone="danger">{counts.failed} failed</Badge>
          <span className="text-sm text-slate-600 dark:text-slate-400">of {plural(counts.total, "agent")} · session pins cleared: {pins.cleared} ({pins.done} agents done, {pins.pending} pending, {pins.failed} failed)</span>
        </p>
        <div className="mb-4 h-2 overflow-hidden rounded-full bg-slate-500/15" role="progressbar" aria-label="Agents confirmed" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
          <div className="h-full bg-emerald-500 transition-all" style={{ width: `${pct}%` }} />
        </div>
        {error ? <p role="alert" className="mb-2 text-sm text-red-700 dark:text-red-400">Could not refresh; showing the last figures.</p> : null}
        {agents.length ? (
          <Table aria-label="Agents in the rotation">
            <THead><tr><TH>Agent</TH><TH>State</TH><TH>Gateway reports</TH><TH>Since</TH><TH>Session pins</TH><TH>Reason</TH></tr></THead>
            <TBody>
              {agents.map((a) => (
                <TR key={a.id} data-agent={a.name}>
                  <TD><Link className="text-brand-600 hover:underline dark:text-brand-500" href={`/dashboard/agents/${a.id}`}>{a.name}</Link></TD>
                  <TD><Badge tone={TONE[a.state]}>{a.state}</Badge></TD>
                  <TD className="break-all">{a.gatewayModel ?? "—"}</TD>
                  <TD className="whitespace-nowrap">{a.gatewayModelSince ? <RelativeTime iso={a.gatewayModelSince} /> : "—"}</TD>
                  <TD><Badge tone={PIN_TONE[a.pins]}>{a.pins}</Badge>{a.pinsMessage ? <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">{a.pinsMessage}</span> : null}</TD>
                  <TD className="max-w-md break-words">{a.message ?? "—"}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        ) : (
          <EmptyState title="No agents left">The agents this rotation covered were deleted since.</EmptyState>
        )}
      </Card>
      <Card className="mt-6">
        <CardHeader>
          <div>
            <CardTitle>Policies revised</CardTitle>
            <CardDescription>Each got a revision with the backup as primary; Revert restores the one before where no one changed it since.</CardDescription>
          </div>
        </CardHeader>
        <Table aria-label="Policies revised">
          <THead><tr><TH>Level</TH><TH>Applies to</TH><TH>Before</TH><TH>Rotation</TH><TH>Revert</TH></tr></THead>
          <TBody>
            {policies.map((p) => (
              <TR key={p.targetId}>
                <TD>{LEVEL_LABELS[p.level]}</TD>
                <TD>{p.policyId ? <Link className="text-brand-600 hover:underline dark:text-brand-500" href={`/dashboard/policies/${p.policyId}`}>{p.targetName ?? "(deleted)"}</Link> : p.targetName}</TD>
                <TD className="tabular-nums">{p.created ? "none (created)" : p.beforeRevision}</TD>
                <TD className="tabular-nums">{p.afterRevision ?? "—"}</TD>
                <TD className="tabular-nums">{p.revertRevision ?? "—"}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </Card>
    </>
  );
}

function RevertButton({ id, backup, policies, onDone }: { id: string; backup: string; policies: number; onDone: () => void }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  async function revert() {
    setBusy(true);
    try {
      const result = await apiFetch<Reverted>(`/api/rotations/${id}/revert`, { method: "POST" });
      setOpen(false);
      setMessage(result.skipped.length ? `${plural(result.skipped.length, "policy", "policies")} changed since the rotation and kept as they are: ${result.skipped.map((p) => p.targetName ?? p.policyId).join(", ")}` : null);
      onDone();
      router.refresh();
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : "Could not revert");
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="grid justify-items-end gap-1">
      <Button variant="secondary" onClick={() => setOpen(true)}>Revert</Button>
      {message ? <p role="status" className="max-w-sm text-right text-xs text-slate-700 dark:text-slate-300">{message}</p> : null}
      <Dialog open={open} onOpenChange={(o) => !busy && setOpen(o)}>
        <DialogContent title="Revert this rotation?" description={`${plural(policies, "policy", "policies")} go back to the document they had before the switch to ${backup}, where no one changed them since. Agents follow with their next heartbeat.`}>
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={() => setOpen(false)} disabled={busy}>Cancel</Button>
            <Button variant="danger" onClick={() => void revert()} disabled={busy}>{busy ? "Reverting…" : "Revert"}</Button>
          </div>
        </DialogContent>
      </Dialog>
    </div>
  );
}
