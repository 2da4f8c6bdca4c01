// Response times of the dashboard's reads: sequential requests after a warm-up, p50/p95/max.
import { percentile } from "../lib/server";

export type Timing = { p50: number; p95: number; max: number; bytes: number; server?: { p50: number; p95: number; max: number } };
export type Reads = Record<string, Timing | string>;

const round = (n: number) => +n.toFixed(1);
const stats = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return { p50: round(percentile(s, 50)), p95: round(percentile(s, 95)), max: round(s.at(-1) ?? Number.NaN) };
};

/** The `dur` of a Server-Timing header: the `total` metric, else the sum of all of them. */
function serverMs(header: string | null): number | null {
  if (!header) return null;
  const metrics = header.split(",").map((m) => ({ name: m.trim().split(";")[0], dur: Number(/dur=([\d.]+)/.exec(m)?.[1] ?? Number.NaN) }));
  const total = metrics.find((m) => m.name === "total");
  if (total && Number.isFinite(total.dur)) return total.dur;
  const durs = metrics.map((m) => m.dur).filter(Number.isFinite);
  return durs.length ? durs.reduce((a, b) => a + b, 0) : null;
}

/** GETs `path` `samples` times in a row (after 3 unmeasured ones); end to end over loopback. */
export async function timeGet(url: string, path: string, cookie: string, samples: number): Promise<Timing> {
  const ms: number[] = [];
  const server: number[] = [];
  let bytes = 0;
  for (let i = -3; i < samples; i++) {
    const t = performance.now();
    const res = await fetch(`${url}${path}`, { headers: { cookie } });
    const body = await res.arrayBuffer();
    const elapsed = performance.now() - t;
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${new TextDecoder().decode(body).slice(0, 300)}`);
    if (i < 0) continue;
    ms.push(elapsed);
    bytes = body.byteLength;
    const s = serverMs(res.headers.get("server-timing"));
    if (s !== null) server.push(s);
  }
  return { ...stats(ms), bytes, ...(server.length ? { server: stats(server) } : {}) };
}

/** Whether the agents list accepts `sort=` (answered 200 rather than 422). */
async function sortable(url: string, cookie: string, sort: string): Promise<boolean> {
  const res = await fetch(`${url}/api/agents?limit=1&sort=${sort}`, { headers: { cookie } });
  await res.arrayBuffer();
  return res.ok;
}

/** Every read of the dashboard that the bench times, in order; an agent with history for the agent reads. */
export async function measureReads(url: string, cookie: string, agentId: string, samples: number, log: (name: string, t: Timing) => void): Promise<Reads> {
  const now = Date.now();
  const window = (hours: number) => `from=${new Date(now - hours * 3_600_000).toISOString()}&to=${new Date(now).toISOString()}&points=300`;
  const reads: Array<[string, string]> = [
    ["overview", "/api/overview"],
    ["agentsFirstPage", "/api/agents?limit=50"],
    ["agentsDegraded", "/api/agents?limit=50&status=degraded"],
    ["agentsEuWestOffline", "/api/agents?limit=50&region=eu-west&status=offline"],
    ["agentsSearch", "/api/agents?limit=50&q=agent-42"],
  ];
  const sorts = ["status", "-lastSeen", "name"];
  const results: Reads = {};
  for (const sort of sorts) {
    if (await sortable(url, cookie, sort)) reads.push([`agentsSorted_${sort}`, `/api/agents?limit=50&sort=${sort}`]);
    else results[`agentsSorted_${sort}`] = "sort not supported";
  }
  reads.push(
    ["agentPageHtml", `/dashboard/agents/${agentId}`],
    ["metrics7d", `/api/agents/${agentId}/metrics?${window(24 * 7)}`],
    ["metrics24h", `/api/agents/${agentId}/metrics?${window(24)}`],
    ["metrics1h", `/api/agents/${agentId}/metrics?${window(1)}`],
  );
  for (const [name, path] of reads) {
    const t = await timeGet(url, path, cookie, samples);
    results[name] = t;
    log(name, t);
  }
  return results;
}

/** A fixed-width table of the timings. */
export function table(reads: Reads): string {
  const lines = [`${"read".padEnd(26)}${"p50 ms".padStart(9)}${"p95 ms".padStart(9)}${"max ms".padStart(9)}${"server p50/p95".padStart(18)}${"bytes".padStart(10)}`];
  for (const [name, t] of Object.entries(reads)) {
    if (typeof t === "string") lines.push(`${name.padEnd(26)}${t}`);
    else lines.push(`${name.padEnd(26)}${String(t.p50).padStart(9)}${String(t.p95).padStart(9)}${String(t.max).padStart(9)}${(t.server ? `${t.server.p50}/${t.server.p95}` : "-").padStart(18)}${String(t.bytes).padStart(10)}`);
  }
  return lines.join("\n");
}
