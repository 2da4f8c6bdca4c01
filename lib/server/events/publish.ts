import type { Tx } from "@/lib/db/client";
import { evaluateStatusRules } from "../alerts/evaluate";
import { EVENTS_CHANNEL } from "./notify";

export type StatusChange = { teamId: string; agentId: string; fleetId: string; name: string; from: string; to: string };
export type BeatSummary = {
  teamId: string;
  agentId: string;
  fleetId: string;
  seq: number;
  status: string;
  cpuPct: number | null;
  memUsedPct: number | null;
  memPressurePct: number | null;
  rttMs: number | null;
  healthy: boolean;
};

// pg_notify payloads must stay under 8,000 bytes: heartbeat summaries travel in chunks below that.
const MAX_PAYLOAD = 7000;

/** Heartbeat summaries as `agent.heartbeats` notices, one team per notice, each under the size limit. */
export function heartbeatNotices(beats: BeatSummary[], at: string): string[] {
  const byTeam = new Map<string, string[]>();
  for (const { teamId, ...rest } of beats) {
    const list = byTeam.get(teamId) ?? [];
    list.push(JSON.stringify(rest));
    byTeam.set(teamId, list);
  }
  const notices: string[] = [];
  for (const [teamId, items] of byTeam) {
    const head = `{"type":"agent.heartbeats","teamId":${JSON.stringify(teamId)},"at":"${at}","items":[`;
    let chunk: string[] = [];
    let size = head.length + 2;
    for (const item of items) {
      if (chunk.length > 0 && size + item.length + 1 > MAX_PAYLOAD) {
        notices.push(`${head}${chunk.join(",")}]}`);
        chunk = [];
        size = head.length + 2;
      }
      chunk.push(item);
      size += item.length + 1;
    }
    if (chunk.length > 0) notices.push(`${head}${chunk.join(",")}]}`);
  }
  return notices;
}

/**
 * In the caller's transaction: records status changes as agent events and publishes them with the
 * heartbeat summaries. Listeners hear nothing unless the transaction commits.
 */
export async function publishAgentEvents(tx: Tx, changes: StatusChange[], beats: BeatSummary[] = []): Promise<void> {
  const at = new Date().toISOString();
  if (changes.length > 0) {
    await tx`
      insert into agent_events (team_id, agent_id, fleet_id, from_status, to_status)
      select t::uuid, a::uuid, f::uuid, fr, tt
      from unnest(${changes.map((c) => c.teamId)}::text[], ${changes.map((c) => c.agentId)}::text[],
        ${changes.map((c) => c.fleetId)}::text[], ${changes.map((c) => c.from)}::text[], ${changes.map((c) => c.to)}::text[]) as v(t, a, f, fr, tt)`;
  }
  await evaluateStatusRules(tx, changes);
  const notices = [
    ...changes.map((c) => JSON.stringify({ type: "agent.status", ...c, at })),
    ...heartbeatNotices(beats, at),
  ];
  if (notices.length === 0) return;
  await tx`select pg_notify(${EVENTS_CHANNEL}, p) from unnest(${notices}::text[]) as p`;
}
