import { notFound } from "@/lib/api/errors";
import { isUuid, type TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db, type Sql, type Tx } from "@/lib/db/client";
import type { Agent } from "@/lib/schemas/agents";

export type AgentRow = {
  id: string;
  team_id: string;
  fleet_id: string;
  name: string;
  description: string;
  region: string;
  tags: string[];
  status: Agent["status"];
  heartbeat_interval_s: number;
  grace_s: number;
  hostname: string;
  paired_at: Date | null;
  last_seen_at: Date | null;
  last_seq: string | number;
  gateway: Agent["gateway"];
  host: Agent["host"];
  metrics: Agent["metrics"];
  /** Selected on reads of one agent only (AGENT_DETAIL_COLUMNS). */
  plugins?: Agent["plugins"];
  gateway_model_since?: Date | null;
  created_at: Date;
  updated_at: Date;
  cursor_t?: string;
};

export const AGENT_COLUMNS = `a.id, a.team_id, a.fleet_id, a.name, a.description, a.region, a.tags, a.status,
  a.heartbeat_interval_s, a.grace_s, a.hostname, a.paired_at, a.last_seen_at, a.last_seq, a.gateway, a.host, a.metrics,
  a.created_at, a.updated_at`;
/** One agent's page also shows its plugin reports, which lists leave out to stay small. */
export const AGENT_DETAIL_COLUMNS = `${AGENT_COLUMNS}, a.plugins, a.gateway_model_since`;

export const toAgent = (r: AgentRow): Agent => ({
  id: r.id,
  fleetId: r.fleet_id,
  name: r.name,
  description: r.description,
  region: r.region,
  tags: r.tags,
  status: r.status,
  heartbeatIntervalS: r.heartbeat_interval_s,
  graceS: r.grace_s,
  hostname: r.hostname,
  paired: r.paired_at !== null,
  pairedAt: r.paired_at?.toISOString() ?? null,
  lastSeenAt: r.last_seen_at?.toISOString() ?? null,
  lastSeq: Number(r.last_seq),
  gateway: r.gateway,
  host: r.host,
  metrics: r.metrics,
  ...(r.plugins !== undefined ? { plugins: r.plugins } : {}),
  ...(r.gateway_model_since !== undefined ? { gatewayModelSince: r.gateway_model_since?.toISOString() ?? null } : {}),
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** Fetch-or-404 within the caller's team. */
export async function getAgentInTeam(sql: Sql | Tx, teamId: string, agentId: string, lock = false): Promise<AgentRow> {
  if (!isUuid(agentId)) throw notFound("Agent");
  const [row] = await sql<AgentRow[]>`
    select ${sql.unsafe(AGENT_DETAIL_COLUMNS)} from agents a where a.id = ${agentId} and a.team_id = ${teamId}
    ${lock ? sql`for update` : sql``}`;
  if (!row) throw notFound("Agent");
  return row;
}

export async function getAgent(ctx: TeamContext, agentId: string): Promise<Agent> {
  assertCan(ctx, "agent:read");
  return toAgent(await getAgentInTeam(await db(), ctx.team.id, agentId));
}
