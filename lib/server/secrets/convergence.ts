import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { SecretsStatusReport } from "@/lib/schemas/secrets-delivery";
import type { SecretsConvergenceResponse } from "@/lib/schemas/secrets";
import { effectiveSecretsVersion, getSecretInTeam } from "./rows";

const MAX_AGENTS = 1000;
const ORDER = { failed: 0, no_key: 1, pending: 2, current: 3 } as const;

type Row = { id: string; name: string; fleet_id: string; status: string; secrets_version: string | number; secrets_status: unknown; has_key: boolean; effective: string | number };
type State = keyof typeof ORDER;

/** Where an agent stands: on its effective version, failed (the gateway's reason), unable to receive (no box key), or on its way. */
export function secretsStateOf(applied: number, effective: number, hasKey: boolean, status: unknown): { state: State; message: string | null } {
  if (applied === effective) return { state: "current", message: null };
  if (!hasKey) return { state: "no_key", message: "The agent reports no X25519 key: upgrade clawfleet on this host" };
  const report = SecretsStatusReport.safeParse(status);
  if (report.success && report.data.version === effective && report.data.status === "failed") return { state: "failed", message: report.data.message ?? "The gateway refused them" };
  return { state: "pending", message: null };
}

/** The team's agents (or those one secret reaches) and whether each runs its effective secrets version. */
export async function secretsConvergence(ctx: TeamContext, secretId?: string): Promise<SecretsConvergenceResponse> {
  assertCan(ctx, "secret:read");
  const sql = await db();
  const secret = secretId ? await getSecretInTeam(sql, ctx.team.id, secretId) : null;
  const filter = !secret || secret.scope_type === "team" ? sql`` : secret.scope_type === "fleet" ? sql`and a.fleet_id = ${secret.target_id}` : sql`and a.id = ${secret.target_id}`;
  const rows = await sql<Row[]>`
    select a.id, a.name, a.fleet_id, a.status, a.secrets_version, a.secrets_status, a.box_key is not null as has_key,
      ${sql.unsafe(effectiveSecretsVersion())} as effective
    from agents a where a.team_id = ${ctx.team.id} ${filter}`;
  const agents = rows.map((r) => {
    const appliedVersion = Number(r.secrets_version);
    const effectiveVersion = Number(r.effective);
    return { id: r.id, name: r.name, fleetId: r.fleet_id, status: r.status, appliedVersion, effectiveVersion, ...secretsStateOf(appliedVersion, effectiveVersion, r.has_key, r.secrets_status) };
  });
  const counts = { current: 0, pending: 0, failed: 0, no_key: 0, total: agents.length };
  for (const a of agents) counts[a.state] += 1;
  agents.sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.name.localeCompare(b.name));
  return { counts, agents: agents.slice(0, MAX_AGENTS) };
}
