"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { RelativeTime } from "@/components/dashboard/relative-time";
import { useLiveEvents } from "@/components/live/live-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Segmented } from "@/components/ui/segmented";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import type { Batch, BatchItem } from "@/lib/schemas/batches";
import { plural } from "@/lib/format";

type Page = { batch: Batch; items: BatchItem[]; nextCursor: string | null };
type Show = "all" | BatchItem["status"];

const TONE = { done: "success", pending: "brand", failed: "danger", expired: "warning" } as const;
const REFRESH_MS = 250;

/** Counts, a bar and one row per agent; refetched as `batch.changed` events for this batch arrive, so it moves live. */
export function BatchProgress({ initial }: { initial: Page }) {
  const [data, setData] = useState(initial);
  const [show, setShow] = useState<Show>("all");
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const id = initial.batch.id;
  const { batch, items } = data;

  async function reload(filter: Show, count: number) {
    const limit = Math.min(200, Math.max(50, count));
    try {
      setData(await apiFetch<Page>(`/api/batches/${id}?limit=${limit}${filter === "all" ? "" : `&status=${filter}`}`));
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not refresh the progress; retrying with the next update");
    }
  }
  useEffect(() => () => clearTimeout(timer.current), []);
  useLiveEvents((event) => {
    if (event.type === "resync" || (event.type === "batch.changed" && event.batchId === id)) {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void reload(show, items.length), REFRESH_MS);
    }
  });

  async function more() {
    if (!data.nextCursor) return;
    setLoadingMore(true);
    try {
      const next = await apiFetch<Page>(`/api/batches/${id}?limit=200&cursor=${encodeURIComponent(data.nextCursor)}${show === "all" ? "" : `&status=${show}`}`);
      setData({ batch: next.batch, items: [...items, ...next.items], nextCursor: next.nextCursor });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not load more agents");
    } finally {
      setLoadingMore(false);
    }
  }

  const { done, pending, failed, expired } = batch.counts;
  const settled = done + failed + expired;
  const pct = batch.total ? Math.round((settled / batch.total) * 100) : 100;
  return (
    <div className="grid gap-4">
      <div className="grid gap-3 sm:grid-cols-4" data-testid="batch-counts">
        {(["done", "pending", "failed", "expired"] as const).map((k) => (
          <Card key={k} className="p-4" data-testid={`count-${k}`}>
            <p className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">{k}</p>
            <p className="mt-1 text-2xl font-semibold tabular-nums">{batch.counts[k].toLocaleString("en")}</p>
          </Card>
        ))}
      </div>
      <div>
        <div role="progressbar" aria-label="Agents finished" aria-valuemin={0} aria-valuemax={batch.total} aria-valuenow={settled} className="h-2 overflow-hidden rounded-full bg-slate-900/10 dark:bg-white/10">
          <div className="h-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
        </div>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400" role="status" aria-live="polite">
          {pending ? `${plural(settled, "agent")} of ${batch.total.toLocaleString("en")} finished; ${plural(pending, "agent")} still to report.` : `Finished: ${done.toLocaleString("en")} done, ${failed.toLocaleString("en")} failed${expired ? `, ${expired.toLocaleString("en")} expired` : ""}.`}
        </p>
        {error ? <p role="alert" className="mt-1 text-sm text-red-600 dark:text-red-400">{error}</p> : null}
      </div>
      <Card>
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 className="font-semibold">Agents</h2>
          <Segmented<Show>
            label="Show agents"
            value={show}
            onChange={(v) => {
              setShow(v);
              void reload(v, 50);
            }}
            options={[{ value: "all", label: "All" }, { value: "pending", label: "Pending" }, { value: "done", label: "Done" }, { value: "failed", label: "Failed" }, { value: "expired", label: "Expired" }]}
          />
        </div>
        {items.length ? (
          <Table aria-label="Agents in this bulk action">
            <THead>
              <tr><TH>Agent</TH><TH>State</TH><TH>Message</TH><TH>Updated</TH></tr>
            </THead>
            <TBody>
              {items.map((i) => (
                <TR key={i.agentId} data-agent-id={i.agentId} data-state={i.status}>
                  <TD className="font-medium"><Link href={`/dashboard/agents/${i.agentId}`} className="hover:underline">{i.agentName}</Link></TD>
                  <TD><Badge tone={TONE[i.status]}>{i.status}</Badge></TD>
                  <TD className="text-slate-600 dark:text-slate-400">{i.message || "—"}</TD>
                  <TD className="whitespace-nowrap"><RelativeTime iso={i.updatedAt} /></TD>
                </TR>
              ))}
            </TBody>
          </Table>
        ) : (
          <EmptyState title={show === "all" ? "No agents left in this action" : `No ${show} agents`}>
            {show === "all" ? "The agents it covered have been deleted since." : "Agents appear here as their state changes."}
          </EmptyState>
        )}
        {data.nextCursor ? (
          <div className="mt-4 flex justify-center">
            <Button variant="secondary" onClick={() => void more()} disabled={loadingMore}>{loadingMore ? "Loading…" : "More agents"}</Button>
          </div>
        ) : null}
      </Card>
    </div>
  );
}
