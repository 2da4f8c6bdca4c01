"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useRef, useState, useTransition } from "react";
import { Area, AreaChart, Bar, BarChart, Brush, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Segmented } from "@/components/ui/segmented";
import { usd } from "@/lib/format";
import type { CostSummary } from "@/lib/schemas/costs";
import { COST_RANGES, brushIndexes, brushWindow, stackByModel, type CostRange, type StackRow } from "./cost-data";

type Props = {
  daily: CostSummary["daily"];
  window: { from: string; to: string };
  overview: { day: string; ts: number; total: number }[];
  range: CostRange;
  zoomed: boolean;
};

const shortDay = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString("en", { month: "short", day: "numeric", timeZone: "UTC" });

/**
 * Spend per day stacked by model, with a navigator over the whole range: brushing it narrows the
 * page (from/to in the URL) to the days chosen, as the agent history charts zoom.
 */
export function CostChart({ daily, window, overview, range, zoomed }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const { series, rows } = useMemo(() => stackByModel(daily, window.from, window.to), [daily, window.from, window.to]);
  const [brush, setBrush] = useState(() => brushIndexes(overview, window.from, window.to));
  const settle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(settle.current), []);

  const setUrl = (next: Record<string, string | null>) => {
    const q = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(next)) if (v === null) q.delete(k); else q.set(k, v);
    startTransition(() => router.replace(`${pathname}?${q.toString()}`, { scroll: false }));
  };
  const onBrush = (b: { startIndex?: number; endIndex?: number }) => {
    const next = { startIndex: b.startIndex ?? 0, endIndex: b.endIndex ?? overview.length - 1 };
    setBrush(next);
    clearTimeout(settle.current);
    settle.current = setTimeout(() => {
      const w = brushWindow(overview, next.startIndex, next.endIndex);
      setUrl({ from: w?.from ?? null, to: w?.to ?? null });
    }, 350);
  };
  const total = rows.reduce((t, r) => t + r.total, 0);
  const peak = rows.reduce<StackRow | null>((p, r) => (r.total > (p?.total ?? 0) ? r : p), null);
  const summary = `${usd(total)} over ${rows.length} days${peak ? `; the costliest day ${shortDay(peak.day)}, ${usd(peak.total)}` : ""}.`;
  const rangeLabel = COST_RANGES.find((r) => r.value === range)?.label ?? range;

  return (
    <Card aria-busy={pending} data-testid="cost-chart" data-from={window.from} data-to={window.to}>
      <CardHeader>
        <div>
          <CardTitle>Spend per day, by model</CardTitle>
          <CardDescription>{zoomed ? `Zoomed: ${shortDay(window.from)} – ${shortDay(window.to)}.` : `${rangeLabel}, from ${shortDay(window.from)}.`} Drag the brush to zoom in.</CardDescription>
        </div>
        <div className="flex items-center gap-2">
          {zoomed ? <Button size="sm" variant="ghost" onClick={() => setUrl({ from: null, to: null })}>Reset zoom</Button> : null}
          <Segmented label="Time range" value={range} onChange={(r) => setUrl({ range: r, from: null, to: null })} options={COST_RANGES.map((r) => ({ value: r.value, label: r.label }))} />
        </div>
      </CardHeader>
      <div className={pending ? "opacity-60 transition-opacity" : "transition-opacity"}>
        <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">{summary}</p>
        <div className="h-64">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} margin={{ top: 4, right: 4, bottom: 0, left: 4 }} title="Spend per day, by model" desc={summary}>
              <CartesianGrid strokeOpacity={0.15} vertical={false} />
              <XAxis dataKey="day" tickFormatter={shortDay} tick={{ fontSize: 11 }} stroke="currentColor" strokeOpacity={0.4} minTickGap={24} />
              <YAxis tickFormatter={(v: number) => usd(v)} tick={{ fontSize: 11 }} width={64} stroke="currentColor" strokeOpacity={0.4} />
              <Tooltip labelFormatter={(d) => shortDay(String(d))} formatter={(v) => usd(Number(v))} contentStyle={{ borderRadius: 12, fontSize: 12 }} />
              {series.map((s) => (
                <Bar key={s.key} dataKey={(r: StackRow) => r.values[s.key] ?? 0} name={s.label} stackId="cost" fill={s.color} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
        <ul aria-label="Models in the chart" className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs">
          {series.map((s) => (
            <li key={s.key} className="flex items-center gap-1.5">
              <span aria-hidden className="inline-block size-2.5 rounded-sm" style={{ background: s.color }} />
              <span className="font-mono">{s.label}</span>
            </li>
          ))}
        </ul>
      </div>
      <div className="mt-4" data-testid="cost-brush">
        <p className="mb-1 text-xs text-slate-600 dark:text-slate-400">Whole range: drag the handles (or focus one and use the arrow keys) to zoom.</p>
        <div className="h-20">
          <ResponsiveContainer width="100%" height="100%">
            <AreaChart data={overview} margin={{ top: 0, right: 8, bottom: 0, left: 8 }} title="Range navigator" desc="Spend per day over the whole range, with a brush to choose the days shown">
              <XAxis dataKey="ts" type="number" scale="time" domain={["dataMin", "dataMax"]} hide />
              <Area type="monotone" dataKey="total" stroke="#2563eb" fill="#2563eb" fillOpacity={0.15} isAnimationActive={false} />
              <Brush dataKey="day" height={28} travellerWidth={10} stroke="#2563eb" fill="transparent" startIndex={brush.startIndex} endIndex={brush.endIndex} tickFormatter={(d: string) => shortDay(d)} onChange={onBrush} />
            </AreaChart>
          </ResponsiveContainer>
        </div>
      </div>
    </Card>
  );
}
