import { AppError, notFound } from "@/lib/api/errors";
import type { TeamContext } from "@/lib/auth/context";
import type { Tx } from "@/lib/db/client";
import { BULK_MAX_AGENTS, type BulkSelection } from "@/lib/schemas/batches";
import { plural } from "@/lib/format";
import { agentFilterSql } from "../agents/list";
import { getFleetInTeam } from "../fleets/get";

export type Resolved = { ids: string[]; description: { kind: "ids" } | { kind: "filter"; filter: Record<string, string> } };

/**
 * The selection's agents, always inside the caller's team, locked in id order (the order heartbeats
 * lock them in). Listed ids must all be the team's (else 404, nothing written); a filter is the
 * agents list's own filter, resolved here and capped.
 */
export async function resolveSelection(tx: Tx, ctx: TeamContext, selection: BulkSelection): Promise<Resolved> {
  if ("ids" in selection) {
    const wanted = [...new Set(selection.ids)];
    const rows = await tx<{ id: string }[]>`
      select a.id from agents a where a.team_id = ${ctx.team.id} and a.id = any(${wanted}::uuid[]) order by a.id for update`;
    if (rows.length !== wanted.length) throw notFound("Agent");
    return { ids: rows.map((r) => r.id), description: { kind: "ids" } };
  }
  const { filter, expectedCount } = selection;
  // Another team's fleet is not found, as everywhere else, rather than matching nothing.
  if (filter.fleetId) await getFleetInTeam(tx, ctx.team.id, filter.fleetId);
  const rows = await tx<{ id: string }[]>`
    select a.id from agents a where a.team_id = ${ctx.team.id} ${agentFilterSql(tx, filter)}
    order by a.id limit ${BULK_MAX_AGENTS + 1} for update`;
  if (rows.length > BULK_MAX_AGENTS) {
    throw new AppError("invalid_request", `The filter matches more than ${plural(BULK_MAX_AGENTS, "agent")}, the most one bulk action takes; narrow it down`, [
      { path: "selection.filter", message: `Matches more than ${BULK_MAX_AGENTS} agents` },
    ]);
  }
  if (rows.length === 0) throw new AppError("invalid_request", "No agents match this filter", [{ path: "selection.filter", message: "Matches no agent" }]);
  if (expectedCount !== undefined && expectedCount !== rows.length) {
    throw new AppError("conflict", `The filter now matches ${plural(rows.length, "agent")}, not ${expectedCount.toLocaleString("en")}; check the selection and try again`);
  }
  const described = Object.fromEntries(Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  return { ids: rows.map((r) => r.id), description: { kind: "filter", filter: described } };
}
