import type { TeamContext } from "@/lib/auth/context";
import type { Tx } from "@/lib/db/client";
import type { BulkActionInput } from "@/lib/schemas/batches";
import { auditEach } from "../audit/record";
import { MAX_OPEN } from "../commands/create";
import { publishAgentEvents } from "../events/publish";
import { policyContradictions } from "@/lib/policies/checks";
import { mergePolicies } from "@/lib/policies/merge";
import { getFleetInTeam } from "../fleets/get";
import { LEVELS_OF_AGENT, toLevels } from "../policies/rows";
import { lockTeamPolicies } from "../policies/scope";

export type Ctx = { tx: Tx; ctx: TeamContext; batchId: string; ids: string[] };
type Item = { agent_id: string; message: string };

async function recordItems({ tx, ctx, batchId }: Ctx, items: Item[], status: "done" | "failed"): Promise<void> {
  if (items.length === 0) return;
  await tx`
    insert into batch_items (batch_id, team_id, agent_id, status, message)
    select ${batchId}, ${ctx.team.id}, a::uuid, ${status}, m
    from unnest(${items.map((i) => i.agent_id)}::text[], ${items.map((i) => i.message)}::text[]) as v(a, m)`;
}

/** restart, set_model, apply_config (and a rotation's clear_session_models): one command per paired agent with room for it, in one statement. */
export async function queueCommands(c: Ctx, type: string, args: Record<string, unknown>): Promise<void> {
  const { tx, ctx, batchId, ids } = c;
  const rows = await tx<{ agent_id: string; command_id: string | null; message: string }[]>`
    with sel as (
      select a.id, a.paired_at is not null as paired,
        (select count(*) from commands o where o.agent_id = a.id and o.status in ('pending', 'delivered')) as open
      from agents a where a.team_id = ${ctx.team.id} and a.id = any(${ids}::uuid[])
    ),
    ins as (
      insert into commands (team_id, agent_id, type, args, created_by, batch_id)
      select ${ctx.team.id}, id, ${type}, ${JSON.stringify(args)}::text::jsonb, ${ctx.user.id}, ${batchId}
      from sel where paired and open < ${MAX_OPEN}
      returning id, agent_id
    )
    select ins.agent_id, ins.id as command_id, '' as message from ins
    union all
    select id, null, case when not paired then 'Not paired yet: no host to carry it out' else 'Too many commands already waiting' end
    from sel where not (paired and open < ${MAX_OPEN})`;
  await recordItems(c, rows.filter((r) => !r.command_id), "failed");
  await auditEach(tx, ctx, `agent.command.${type}`, "agent", rows.map((r) => ({
    targetId: r.agent_id,
    after: r.command_id ? { commandId: r.command_id, args, batchId } : { args, batchId, skipped: r.message },
  })));
}

/** pause and resume: the same state changes as PATCH /api/agents/{id}, with their status events. */
async function setPaused(c: Ctx, paused: boolean): Promise<void> {
  const { tx, ctx, ids } = c;
  const rows = await tx<{ id: string; fleet_id: string; name: string; from_status: string; to_status: string; changed: boolean }[]>`
    with old as (select a.id, a.status, a.paired_at from agents a where a.team_id = ${ctx.team.id} and a.id = any(${ids}::uuid[])),
    upd as (
      update agents a set
        status = case when ${paused} then 'paused'::agent_status when old.paired_at is not null then 'stale'::agent_status else 'pending'::agent_status end,
        status_changed_at = now(),
        watch_at = case when ${paused} or old.paired_at is null then null else now() end,
        updated_at = now()
      from old where a.id = old.id and (old.status = 'paused') <> ${paused}
      returning a.id, a.status::text as to_status
    )
    select a.id, a.fleet_id, a.name, old.status::text as from_status, coalesce(upd.to_status, old.status::text) as to_status, upd.id is not null as changed
    from old join agents a on a.id = old.id left join upd on upd.id = old.id`;
  const changed = rows.filter((r) => r.changed);
  await publishAgentEvents(tx, changed.map((r) => ({ teamId: ctx.team.id, agentId: r.id, fleetId: r.fleet_id, name: r.name, from: r.from_status, to: r.to_status })));
  const word = paused ? "Paused" : "Resumed";
  await recordItems(c, rows.map((r) => ({ agent_id: r.id, message: r.changed ? word : paused ? "Already paused" : "Was not paused" })), "done");
  await auditEach(tx, ctx, "agent.update", "agent", rows.map((r) => ({ targetId: r.id, before: { status: r.from_status }, after: { paused, batchId: c.batchId } })));
}

/** snooze: a silence per agent, as POST /api/silences makes. */
async function snooze(c: Ctx, minutes: number, reason: string): Promise<void> {
  const { tx, ctx, ids } = c;
  await tx`
    insert into silences (team_id, scope_type, scope_id, ends_at, reason, created_by)
    select ${ctx.team.id}, 'agent', a, now() + make_interval(mins => ${minutes}), ${reason}, ${ctx.user.id}
    from unnest(${ids}::uuid[]) as a`;
  await recordItems(c, ids.map((id) => ({ agent_id: id, message: `Notifications snoozed for ${minutes} min` })), "done");
  await auditEach(tx, ctx, "silence.create", "agent", ids.map((id) => ({ targetId: id, after: { minutes, reason, batchId: c.batchId } })));
}

/**
 * move: into another fleet of the team (another team's fleet is not found). An agent whose merged
 * policy would contradict itself in that fleet stays where it was, its item failed with the path,
 * as PATCH /api/agents/{id} refuses the same move.
 */
async function move(c: Ctx, fleetId: string): Promise<void> {
  const { tx, ctx, ids } = c;
  const fleet = await getFleetInTeam(tx, ctx.team.id, fleetId);
  await lockTeamPolicies(tx, ctx.team.id);
  const rows = await tx<{ id: string; from_fleet: string }[]>`
    with old as (select a.id, a.fleet_id from agents a where a.team_id = ${ctx.team.id} and a.id = any(${ids}::uuid[])),
    upd as (update agents a set fleet_id = ${fleet.id}, updated_at = now() from old where a.id = old.id and old.fleet_id <> ${fleet.id} returning a.id)
    select old.id, old.fleet_id as from_fleet from old`;
  const moved = rows.filter((r) => r.from_fleet !== fleet.id);
  const merged = moved.length
    ? await tx<{ id: string; levels: Parameters<typeof toLevels>[0] }[]>`select a.id, ${tx.unsafe(LEVELS_OF_AGENT)} as levels from agents a where a.id = any(${moved.map((r) => r.id)}::uuid[])`
    : [];
  const refused = new Map<string, string>();
  for (const agent of merged) {
    const issues = policyContradictions(mergePolicies(toLevels(agent.levels)).document);
    if (issues.length > 0) refused.set(agent.id, `In ${fleet.name} its merged policy would contradict itself: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
  }
  const back = moved.filter((r) => refused.has(r.id));
  if (back.length > 0) {
    await tx`
      update agents a set fleet_id = v.fleet::uuid from unnest(${back.map((r) => r.id)}::uuid[], ${back.map((r) => r.from_fleet)}::text[]) as v(id, fleet)
      where a.id = v.id`;
  }
  await recordItems(c, back.map((r) => ({ agent_id: r.id, message: refused.get(r.id) ?? "" })), "failed");
  const done = rows.filter((r) => !refused.has(r.id));
  await recordItems(c, done.map((r) => ({ agent_id: r.id, message: r.from_fleet === fleet.id ? `Already in ${fleet.name}` : `Moved to ${fleet.name}` })), "done");
  await auditEach(tx, ctx, "agent.update", "agent", done.map((r) => ({ targetId: r.id, before: { fleetId: r.from_fleet }, after: { fleetId: fleet.id, batchId: c.batchId } })));
}

/** Carries out the action for every selected agent, with one audit row per agent, in the caller's transaction. */
export async function applyAction(c: Ctx, input: BulkActionInput): Promise<void> {
  switch (input.action) {
    case "restart":
    case "set_model":
    case "apply_config":
      return queueCommands(c, input.action, input.args);
    case "pause":
    case "resume":
      return setPaused(c, input.action === "pause");
    case "snooze":
      return snooze(c, input.args.minutes, input.args.reason);
    case "move":
      return move(c, input.args.fleetId);
  }
}
