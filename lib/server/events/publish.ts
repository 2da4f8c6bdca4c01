import type { Tx } from "@/lib/db/client";
import { evaluateStatusRules } from "../alerts/evaluate";
import { alsoBroadcast } from "../realtime/broadcast";
import { EVENTS_CHANNEL } from "./notify";

export type StatusChange = { teamId: string; agentId: string; fleetId: string; name: string; from: string; to: string };

/**
 * In the caller's transaction: records status changes as agent events, evaluates status rules and
 * publishes the changes. Listeners hear nothing unless the transaction commits. (Heartbeats publish
 * their own notices from the ingest statement: see heartbeat/write-batch.ts.)
 */
export async function publishAgentEvents(tx: Tx, changes: StatusChange[]): Promise<void> {
  const at = new Date().toISOString();
  if (changes.length > 0) {
    await tx`
      insert into agent_events (team_id, agent_id, fleet_id, from_status, to_status)
      select t::uuid, a::uuid, f::uuid, fr, tt
      from unnest(${changes.map((c) => c.teamId)}::text[], ${changes.map((c) => c.agentId)}::text[],
        ${changes.map((c) => c.fleetId)}::text[], ${changes.map((c) => c.from)}::text[], ${changes.map((c) => c.to)}::text[]) as v(t, a, f, fr, tt)`;
  }
  await evaluateStatusRules(tx, changes);
  if (changes.length === 0) return;
  const notices = changes.map((c) => JSON.stringify({ type: "agent.status", ...c, at }));
  await tx`select pg_notify(${EVENTS_CHANNEL}, p)${tx.unsafe(alsoBroadcast("p"))} from unnest(${notices}::text[]) as p`;
}
