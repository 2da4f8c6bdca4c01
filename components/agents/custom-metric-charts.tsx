"use client";

import { useSearchParams } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { apiFetch } from "@/components/api-client";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { CustomMetrics, CustomPoint } from "@/lib/schemas/metrics";
import { formatTick, isRange, rangeMs, type Range } from "./chart-data";
import { useHeartbeatRefresh } from "./heartbeat-refresh";

type Props = { agentId: string; range: Range; zoom: { from: string; to: string } | null; initial: CustomMetrics };
type Point = CustomPoint & { ts: number };

const format = (v: number) => v.toLocaleString("en", { maximumFractionDigits: 2 });
const COLORS = ["#0ea5e9", "#8b5cf6", "#10b981", "#f59e0b", "#f43f5e", "#3b82f6"];

function describe(points: Point[]): string {
  const last = points.at(-1);
  if (!last) return "no data in this window";
  const avg = points.reduce((s, p) => s + p.avg, 0) / points.length;
  return `latest ${format(last.avg)}, average ${format(avg)}, peak ${format(Math.max(...points.map((p) => p.max)))}`;
}

const fetchCustom = (agentId: string, from: string, to: string) =>
  apiFetch<{ customMetrics: CustomMetrics }>(`/api/agents/${agentId}/custom-metrics?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&points=300`).then((r) => r.customMetrics);

/**
 * Charts of the numeric metrics the agent's plugins report (average and peak per bucket), over the
 * window the history charts show: the range, or the zoom, both read from the URL as they change.
 */
export function CustomMetricCharts({ agentId, range, zoom, initial }: Props) {
  const params = useSearchParams();
  const [data, setData] = useState(initial);
  const shown = useRef(`${range}|${zoom?.from ?? ""}|${zoom?.to ?? ""}`);
  const urlRange = params.get("range");
  const view = { range: isRange(urlRange) ? urlRange : range, from: params.get("from"), to: params.get("to") };
  const load = (r: Range, from: string | null, to: string | null) => {
    const window = from && to ? { from, to } : { from: new Date(Date.now() - rangeMs(r)).toISOString(), to: new Date().toISOString() };
    fetchCustom(agentId, window.from, window.to).then(setData, () => {});
  };
  useEffect(() => {
    const key = `${view.range}|${view.from ?? ""}|${view.to ?? ""}`;
    if (key === shown.current) return;
    shown.current = key;
    load(view.range, view.from, view.to);
  });
  useHeartbeatRefresh(agentId, 30_000, () => {
    if (!view.from) load(view.range, null, null);
  });

  const series = useMemo(() => data.series.map((s) => ({ key: s.key, points: s.points.map((p) => ({ ...p, ts: new Date(p.t).getTime() })) })), [data]);
  if (series.length === 0) return null;
  const span = new Date(data.to).getTime() - new Date(data.from).getTime();
  return (
    <Card data-testid="custom-metric-charts">
      <CardHeader>
        <div>
          <CardTitle>Custom metrics</CardTitle>
          <CardDescription>
            What the agent&apos;s plugins report, over the same window as the history above.
            {data.omittedKeys ? ` ${data.omittedKeys} more not shown (at most 20).` : ""}
          </CardDescription>
        </div>
      </CardHeader>
      <div className="grid gap-4 lg:grid-cols-2">
        {series.map((s, i) => {
          const color = COLORS[i % COLORS.length] ?? "#0ea5e9";
          const summary = describe(s.points);
          return (
            <figure key={s.key} className="min-w-0">
              <figcaption className="mb-1 flex items-baseline justify-between gap-2 text-sm font-medium">
                <span className="truncate font-mono text-xs">{s.key}</span>
                <span className="truncate text-xs font-normal text-slate-500">{summary}</span>
              </figcaption>
              <div className="h-40">
                <ResponsiveContainer width="100%" height="100%">
                  <ComposedChart data={s.points} margin={{ top: 4, right: 4, bottom: 0, left: -12 }} title={`${s.key} history`} desc={summary}>
                    <CartesianGrid strokeOpacity={0.15} vertical={false} />
                    <XAxis dataKey="ts" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={(v: number) => formatTick(v, span)} tick={{ fontSize: 11 }} stroke="currentColor" strokeOpacity={0.4} minTickGap={40} />
                    <YAxis domain={["auto", "auto"]} tickFormatter={(v: number) => format(v)} tick={{ fontSize: 11 }} width={56} stroke="currentColor" strokeOpacity={0.4} />
                    <Tooltip labelFormatter={(v) => new Date(Number(v)).toLocaleString("en")} formatter={(v) => format(Number(v))} contentStyle={{ borderRadius: 12, fontSize: 12 }} />
                    <Area type="monotone" dataKey="avg" name="average" stroke={color} fill={color} fillOpacity={0.18} strokeWidth={1.5} isAnimationActive={false} connectNulls />
                    <Line type="monotone" dataKey="max" name="peak" stroke={color} strokeOpacity={0.5} dot={false} strokeWidth={1} isAnimationActive={false} connectNulls />
                  </ComposedChart>
                </ResponsiveContainer>
              </div>
            </figure>
          );
        })}
      </div>
    </Card>
  );
}
