import { randomInt } from "node:crypto";
import { AppError } from "@/lib/api/errors";
import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { hashToken } from "@/lib/auth/tokens";
import { db } from "@/lib/db/client";
import type { PairInput } from "@/lib/schemas/agents";
import { audit } from "../audit/record";
import { forgetAgent } from "../heartbeat/offload";
import { AUDIENCE } from "../heartbeat/verify";
import { getAgentInTeam } from "./get";
import { publishAgentEvents } from "../events/publish";

const CODE_TTL_MIN = 10;
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I

/** 12 characters from a 32-letter alphabet (60 bits), grouped for reading aloud: ABCD-EFGH-JKLM. */
function newCode(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}
const normalise = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, "");

/** A one-time pairing code for the agent (10 minutes, stored hashed) and the commands to run on the host. */
export async function createPairingCode(ctx: TeamContext, agentId: string, baseUrl: string) {
  assertCan(ctx, "agent:pair");
  const code = newCode();
  const sql = await db();
  const expiresAt = await sql.begin(async (tx) => {
    await getAgentInTeam(tx, ctx.team.id, agentId, true);
    await tx`update pairing_codes set expires_at = now() where agent_id = ${agentId} and used_at is null and expires_at > now()`;
    const [row] = await tx<{ expires_at: Date }[]>`
      insert into pairing_codes (team_id, agent_id, code_hash, created_by, expires_at)
      values (${ctx.team.id}, ${agentId}, ${hashToken(normalise(code))}, ${ctx.user.id}, now() + make_interval(mins => ${CODE_TTL_MIN}))
      returning expires_at`;
    await audit(tx, ctx, { action: "agent.pairing_code", targetType: "agent", targetId: agentId });
    return row?.expires_at ?? new Date();
  });
  return {
    code,
    expiresAt: expiresAt.toISOString(),
    command: `clawfleet pair --url ${baseUrl} --code ${code}`,
    installCommand: `curl -fsSL ${baseUrl}/install.sh | sh -s -- --code ${code}`,
  };
}

/** Exchanges a pairing code and the host's public key for the agent's identity; any old key is revoked. */
export async function pairAgent(input: PairInput, ip: string) {
  const sql = await db();
  const result = await sql.begin(async (tx) => {
    const [code] = await tx<{ id: string; agent_id: string; team_id: string }[]>`
      update pairing_codes set used_at = now()
      where code_hash = ${hashToken(normalise(input.code))} and used_at is null and expires_at > now()
      returning id, agent_id, team_id`;
    if (!code) throw new AppError("not_found", "This pairing code is unknown, used or expired; create a new one");
    const [agent] = await tx<{ id: string; fleet_id: string; heartbeat_interval_s: number; name: string; status: string; old_status: string }[]>`
      with old as (select id, status from agents where id = ${code.agent_id} for update)
      update agents a set paired_at = now(), hostname = ${input.host.hostname}, last_seq = 0,
        status = case when a.status = 'paused' then a.status else 'pending' end, watch_at = null, updated_at = now()
      from old where a.id = old.id
      returning a.id, a.fleet_id, a.heartbeat_interval_s, a.name, a.status::text as status, old.status::text as old_status`;
    if (!agent) throw new AppError("not_found", "The agent of this code no longer exists");
    // Pairing again (a new host or key) starts the agent over: its open status alerts resolve.
    if (agent.old_status !== agent.status) {
      await publishAgentEvents(tx, [{ teamId: code.team_id, agentId: agent.id, fleetId: agent.fleet_id, name: agent.name, from: agent.old_status, to: agent.status }]);
    }
    await tx`update agent_keys set revoked_at = now() where agent_id = ${agent.id} and revoked_at is null`;
    const jwk = { kty: "OKP", crv: "Ed25519", x: input.publicKeyJwk.x };
    await tx`insert into agent_keys (team_id, agent_id, public_key_jwk) values (${code.team_id}, ${agent.id}, ${tx.json(jwk)})`;
    await tx`
      insert into audit_log (team_id, actor_type, actor_id, actor_label, action, target_type, target_id, after, ip)
      values (${code.team_id}, 'agent', ${agent.id}, ${agent.name}, 'agent.pair', 'agent', ${agent.id},
        ${tx.json({ host: input.host })}, ${ip})`;
    return { agentId: agent.id, fleetId: agent.fleet_id, heartbeatIntervalS: agent.heartbeat_interval_s, audience: AUDIENCE };
  });
  forgetAgent(result.agentId);
  return result;
}

/** Revokes the agent's key: its next heartbeat answers 403 until it pairs again. */
export async function revokeAgentKey(ctx: TeamContext, agentId: string): Promise<void> {
  assertCan(ctx, "agent:pair");
  const sql = await db();
  await sql.begin(async (tx) => {
    await getAgentInTeam(tx, ctx.team.id, agentId, true);
    const revoked = await tx`update agent_keys set revoked_at = now() where agent_id = ${agentId} and revoked_at is null returning id`;
    if (revoked.length === 0) throw new AppError("conflict", "This agent has no active key");
    await audit(tx, ctx, { action: "agent.revoke_key", targetType: "agent", targetId: agentId });
  });
  forgetAgent(agentId);
}
