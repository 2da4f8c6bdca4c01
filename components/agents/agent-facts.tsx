import type { Agent } from "@/lib/schemas/agents";
import { formatBps } from "./chart-data";
import { gatewayText } from "./agents-table";

const fmt = (v: number | undefined, unit: string, digits = 1) => (v === undefined ? "—" : `${v.toFixed(digits)}${unit}`);
const uptime = (s: number) => (s >= 86_400 ? `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h` : `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`);

/** The latest state as facts: gateway, host and the last metrics. */
export function AgentFacts({ agent }: { agent: Agent }) {
  const m = agent.metrics;
  const facts: [string, string][] = [
    ["Gateway", agent.gateway ? gatewayText({ ...agent.gateway, rttMs: null }) : "—"],
    ["Gateway RTT", agent.gateway?.rttMs != null ? `${agent.gateway.rttMs.toFixed(1)} ms` : "—"],
    ["Gateway version", agent.gateway?.version ?? "—"],
    ["Primary model (read back)", agent.gateway?.model ? `${agent.gateway.model}${agent.gatewayModelSince ? ` since ${new Date(agent.gatewayModelSince).toISOString().slice(0, 16).replace("T", " ")} UTC` : ""}` : "—"],
    ["Host", agent.hostname || "—"],
    ["System", agent.host ? `${agent.host.os} / ${agent.host.arch}` : "—"],
    ["Uptime", agent.host ? uptime(agent.host.uptimeS) : "—"],
    ["Region", agent.region || "—"],
    ["Tags", agent.tags.join(", ") || "—"],
    ["CPU", fmt(m?.cpuPct, " %")],
    ["Memory", fmt(m?.memUsedPct, " %")],
    ["Memory pressure", fmt(m?.memPressurePct, " %", 2)],
    ["Load (1 min)", fmt(m?.load1, "", 2)],
    ["Disk read", m?.diskReadBps !== undefined ? formatBps(m.diskReadBps) : "—"],
    ["Disk write", m?.diskWriteBps !== undefined ? formatBps(m.diskWriteBps) : "—"],
    ["Heartbeat every", `${agent.heartbeatIntervalS} s (grace ${agent.graceS} s)`],
    ["Last sequence", agent.lastSeq ? String(agent.lastSeq) : "—"],
  ];
  return (
    <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
      {facts.map(([k, v]) => (
        <div key={k} className="min-w-0"><dt className="text-xs text-slate-500">{k}</dt><dd className="truncate text-sm font-medium tabular-nums" title={v}>{v}</dd></div>
      ))}
    </dl>
  );
}
