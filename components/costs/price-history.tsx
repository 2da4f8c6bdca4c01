"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import type { z } from "zod";
import { ApiError, apiFetch } from "@/components/api-client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { usd } from "@/lib/format";
import type { Price } from "@/lib/schemas/prices";
import { modelLabel } from "./cost-data";

type Prices = z.infer<typeof Price>[];

/** A model's prices over time, the catalogue's and the team's; a maintainer can delete the team's own. */
export function PriceHistory({ provider, model, canManage }: { provider: string; model: string; canManage: boolean }) {
  const router = useRouter();
  const name = modelLabel(provider, model);
  const [prices, setPrices] = useState<Prices | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    apiFetch<{ prices: Prices }>(`/api/prices?provider=${encodeURIComponent(provider)}&model=${encodeURIComponent(model)}`).then(
      (r) => (setPrices(r.prices), setError(null)),
      (e: unknown) => setError(e instanceof ApiError ? e.message : "Could not load the prices"),
    );
  const remove = async (id: string, from: string) => {
    if (!window.confirm(`Delete the team's price for ${name} from ${from}? Usage from that day is priced again.`)) return;
    try {
      await apiFetch(`/api/prices/${id}`, { method: "DELETE" });
      toast.success("Team price deleted");
      router.refresh();
      await load();
    } catch (e) {
      toast.error(e instanceof ApiError ? e.message : "Something went wrong");
    }
  };
  return (
    <Dialog onOpenChange={(open) => open && void load()}>
      <DialogTrigger asChild>
        <Button size="sm" variant="ghost" aria-label={`History of ${name}`}>History</Button>
      </DialogTrigger>
      <DialogContent className="max-w-2xl" title={`Prices of ${name}`} description="USD per million tokens, newest first. Each applies from its day until the next.">
        {error ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">{error}</p> : null}
        {prices === null && !error ? <p className="text-sm">Loading…</p> : null}
        {prices?.length === 0 ? <p className="text-sm">No prices: its usage counts as unpriced calls.</p> : null}
        {prices?.length ? (
          <Table aria-label={`Prices of ${name}`}>
            <THead>
              <tr><TH>From</TH><TH className="text-right">Input</TH><TH className="text-right">Output</TH><TH className="text-right">Cache read</TH><TH className="text-right">Cache write</TH><TH>Source</TH>{canManage ? <TH><span className="sr-only">Actions</span></TH> : null}</tr>
            </THead>
            <TBody>
              {prices.map((p) => (
                <TR key={p.id}>
                  <TD className="whitespace-nowrap">{p.effectiveFrom}</TD>
                  {[p.inputPerMtok, p.outputPerMtok, p.cacheReadPerMtok, p.cacheWritePerMtok].map((v, i) => <TD key={i} className="text-right tabular-nums">{usd(v)}</TD>)}
                  <TD><Badge tone={p.source === "team" ? "brand" : "neutral"}>{p.source}</Badge>{p.note ? <span className="block text-xs">{p.note}</span> : null}</TD>
                  {canManage ? <TD>{p.source === "team" ? <Button size="sm" variant="ghost" onClick={() => void remove(p.id, p.effectiveFrom)}>Delete</Button> : null}</TD> : null}
                </TR>
              ))}
            </TBody>
          </Table>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
