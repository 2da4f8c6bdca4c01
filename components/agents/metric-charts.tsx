"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { Area, AreaChart, Brush, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { apiFetch } from "@/components/api-client";
import { useLiveEvents } from "@/components/live/live-provider";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Segmented } from "@/components/ui/segmented";
import type { MetricPoint } from "@/lib/schemas/metrics";
import { RANGES, appendBeat, formatBps, formatTick, rangeMs, summarize, toChart, type Range, type Series } from "./chart-data";

type Props = { agentId: string; range: Range; zoom: { from: string; to: string } | null; overview: Series; detail: Series };
type ChartSpec = { title: string; lines: { key: keyof MetricPoint; name: string; color: string; area?: boolean }[]; format: (v: number) => string; domain?: [number, number] };

const pct = (v: number) => `${v.toFixed(1)} %`;
const CHARTS: ChartSpec[] = [
  { title: "CPU", format: pct, domain: [0, 100], lines: [{ key: "cpuPct", name: "average", color: "#3b82f6", area: true }, { key: "cpuPctMax", name: "peak", color: "#93c5fd" }] },
  { title: "Memory", format: pct, domain: [0, 100], lines: [{ key: "memUsedPct", name: "used", color: "#8b5cf6", area: true }, { key: "memPressurePct", name: "pressure", color: "#f59e0b" }] },
  { title: "Disk I/O", format: formatBps, lines: [{ key: "diskReadBps", name: "read", color: "#10b981", area: true }, { key: "diskWriteBps", name: "write", color: "#f43f5e" }] },
  { title: "Gateway RTT", format: (v) => `${v.toFixed(1)} ms`, lines: [{ key: "rttMs", name: "average", color: "#0ea5e9", area: true }, { key: "rttMsMax", name: "peak", color: "#f97316" }] },
];
const fetchSeries = (agentId: string, from: string, to: string) =>
  apiFetch<{ metrics: Series }>(`/api/agents/${agentId}/metrics?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&points=300`).then((r) => r.metrics);

/**
 * History charts: a navigator over the whole range (1 h, 24 h or 7 d) with a brush, and detail
 * charts of the brushed window fetched again at full resolution (zoom). Range and zoom are in the URL.
 */
export function MetricCharts({ agentId, range, zoom, overview, detail }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [nav, setNav] = useState(() => ({ points: toChart(overview), bucketS: overview.bucketS }));
  const [view, setView] = useState(() => ({ points: toChart(detail), bucketS: detail.bucketS, zoom }));
  const [loading, setLoading] = useState(false);
  const [brush, setBrush] = useState<{ startIndex: number; endIndex: number } | null>(null);
  const settle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(settle.current), []);

  const setUrl = (next: Record<string, string | null>) => {
    const q = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(next)) if (v === null) q.delete(k); else q.set(k, v);
    router.replace(`${pathname}?${q.toString()}`, { scroll: false });
  };
  const load = async (nextRange: Range, nextZoom: { from: string; to: string } | null) => {
    setLoading(true);
    try {
      const to = new Date().toISOString();
      const from = new Date(Date.now() - rangeMs(nextRange)).toISOString();
      const whole = nextZoom && nextRange === range ? null : await fetchSeries(agentId, from, to);
      const part = nextZoom ? await fetchSeries(agentId, nextZoom.from, nextZoom.to) : whole;
      if (whole) setNav({ points: toChart(whole), bucketS: whole.bucketS });
      if (part) setView({ points: toChart(part), bucketS: part.bucketS, zoom: nextZoom });
    } catch {
      // the charts keep what they show; the live badge says when the server is unreachable
    } finally {
      setLoading(false);
    }
  };
  const chooseRange = (next: Range) => {
    setBrush(null);
    setUrl({ range: next, from: null, to: null });
    void load(next, null);
  };
  const onBrush = (b: { startIndex?: number; endIndex?: number }) => {
    const start = b.startIndex ?? 0;
    const end = b.endIndex ?? nav.points.length - 1;
    setBrush({ startIndex: start, endIndex: end });
    clearTimeout(settle.current);
    settle.current = setTimeout(() => {
      const whole = start <= 0 && end >= nav.points.length - 1;
      const from = nav.points[start];
      const to = nav.points[end];
      const next = whole || !from || !to ? null : { from: from.t, to: new Date(to.ts + nav.bucketS * 1000).toISOString() };
      setUrl({ from: next?.from ?? null, to: next?.to ?? null });
      void load(range, next);
    }, 350);
  };
  useLiveEvents((event) => {
    if (event.type !== "agent.heartbeat" || event.agentId !== agentId) return;
    setNav((n) => ({ ...n, points: appendBeat(n.points, event, n.bucketS, rangeMs(range)) }));
    if (!view.zoom) setView((v) => ({ ...v, points: appendBeat(v.points, event, v.bucketS, rangeMs(range)) }));
  });

  const points = view.points;
  const span = (points.at(-1)?.ts ?? 0) - (points[0]?.ts ?? 0);
  const windowText = useMemo(() => {
    const first = points[0];
    const last = points.at(-1);
    return first && last ? `${new Date(first.ts).toLocaleString("en")} – ${new Date(last.ts).toLocaleString("en")}` : "no data";
  }, [points]);
  return (
    <Card aria-busy={loading} data-testid="metric-charts" data-from={points[0]?.t ?? ""} data-to={points.at(-1)?.t ?? ""} data-points={points.length}>
      <CardHeader>
        <div>
          <CardTitle>History</CardTitle>
          <CardDescription>{view.zoom ? `Zoomed: ${windowText}` : `The last ${RANGES.find((r) => r.value === range)?.label}. Drag the brush to zoom in.`}</CardDescription>
        </div>
        <div className="flex items-center gap-2">
          {view.zoom ? <Button size="sm" variant="ghost" onClick={() => chooseRange(range)}>Reset zoom</Button> : null}
          <Segmented label="Time range" value={range} onChange={chooseRange} options={RANGES.map((r) => ({ value: r.value, label: r.label }))} />
        </div>
      </CardHeader>
      {nav.points.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-400/40 px-6 py-10 text-center text-sm text-slate-600 dark:text-slate-400">
          No heartbeats in this range yet. Charts fill in as the agent reports.
        </p>
      ) : (
        <>
          <div className={loading ? "opacity-60 transition-opacity" : "transition-opacity"}>
            <div className="grid gap-4 lg:grid-cols-2">
              {CHARTS.map((c) => (
                <figure key={c.title} className="min-w-0">
                  <figcaption className="mb-1 flex items-baseline justify-between gap-2 text-sm font-medium">
                    {c.title}
                    <span className="truncate text-xs font-normal text-slate-500">{summarize(points, c.lines[0]?.key ?? "cpuPct", c.format)}</span>
                  </figcaption>
                  <div className="h-40">
                    <ResponsiveContainer width="100%" height="100%">
                      <ComposedChart data={points} syncId={`agent-${agentId}`} margin={{ top: 4, right: 4, bottom: 0, left: -12 }} title={`${c.title} history`} desc={summarize(points, c.lines[0]?.key ?? "cpuPct", c.format)}>
                        <CartesianGrid strokeOpacity={0.15} vertical={false} />
                        <XAxis dataKey="ts" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={(v: number) => formatTick(v, span)} tick={{ fontSize: 11 }} stroke="currentColor" strokeOpacity={0.4} minTickGap={40} />
                        <YAxis domain={c.domain ?? [0, "auto"]} tickFormatter={(v: number) => (c.title === "Disk I/O" ? formatBps(v) : c.format(v).replace(/\.\d+/, ""))} tick={{ fontSize: 11 }} width={56} stroke="currentColor" strokeOpacity={0.4} />
                        <Tooltip labelFormatter={(v) => new Date(Number(v)).toLocaleString("en")} formatter={(v) => c.format(Number(v))} contentStyle={{ borderRadius: 12, fontSize: 12 }} />
                        {c.lines.map((l) =>
                          l.area ? (
                            <Area key={String(l.key)} type="monotone" dataKey={String(l.key)} name={l.name} stroke={l.color} fill={l.color} fillOpacity={0.18} strokeWidth={1.5} isAnimationActive={false} connectNulls />
                          ) : (
                            <Line key={String(l.key)} type="monotone" dataKey={String(l.key)} name={l.name} stroke={l.color} dot={false} strokeWidth={1} isAnimationActive={false} connectNulls />
                          ),
                        )}
                      </ComposedChart>
                    </ResponsiveContainer>
                  </div>
                </figure>
              ))}
            </div>
          </div>
          <div className="mt-4" data-testid="chart-brush">
            <p className="mb-1 text-xs text-slate-500" id={`brush-help-${agentId}`}>Whole range: drag the handles (or focus one and use the arrow keys) to zoom.</p>
            <div className="h-20">
              <ResponsiveContainer width="100%" height="100%">
                <AreaChart data={nav.points} margin={{ top: 0, right: 8, bottom: 0, left: 8 }} title="Range navigator" desc="CPU over the whole range, with a brush to choose the window shown above">
                  <XAxis dataKey="ts" type="number" scale="time" domain={["dataMin", "dataMax"]} hide />
                  <Area type="monotone" dataKey="cpuPct" stroke="#3b82f6" fill="#3b82f6" fillOpacity={0.15} isAnimationActive={false} connectNulls />
                  <Brush
                    dataKey="ts"
                    height={28}
                    travellerWidth={10}
                    stroke="#3b82f6"
                    fill="transparent"
                    startIndex={brush?.startIndex}
                    endIndex={brush?.endIndex}
                    tickFormatter={(v: number) => formatTick(v, rangeMs(range))}
                    onChange={onBrush}
                  />
                </AreaChart>
              </ResponsiveContainer>
            </div>
          </div>
        </>
      )}
    </Card>
  );
}
