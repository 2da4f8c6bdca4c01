import { AppError } from "@/lib/api/errors";
import { env } from "@/lib/env";
import { enforceLimits } from "@/lib/rate-limit";
import { HeartbeatBody } from "@/lib/schemas/heartbeat";
import { commitHeartbeat } from "./group-commit";
import { verifyHeartbeat } from "./verify";

const DEGRADED_RTT_MS = 1000;

/** Heartbeats allowed per agent per minute: a tenfold margin over a 30 s interval by default. */
export const heartbeatRule = () => ({ limit: env().RATE_LIMIT_HEARTBEATS_PER_MINUTE, windowS: 60 });

function parseBody(raw: Buffer): HeartbeatBody {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new AppError("invalid_request", "The body is not valid JSON");
  }
  return HeartbeatBody.parse(json);
}

export type HeartbeatReply = Awaited<ReturnType<typeof processHeartbeat>>;

/**
 * Verifies, validates and commits one heartbeat; resolves with the response body after commit.
 * Runs on the ingest worker thread (see offload.ts), or on the request thread when that is off.
 */
export async function processHeartbeat(authorization: string | null, raw: Buffer) {
  const verified = await verifyHeartbeat(authorization, raw);
  await enforceLimits([{ key: `heartbeat:${verified.agent.agentId}`, rule: heartbeatRule() }]);
  const body = parseBody(raw);
  const gateway = body.gateway;
  const degraded = body.status !== "ok" || !gateway.reachable || !gateway.healthy || (gateway.rttMs ?? 0) > DEGRADED_RTT_MS;
  const outcome = await commitHeartbeat({ ...verified, body, status: degraded ? "degraded" : "online" });
  switch (outcome.kind) {
    case "ok":
      return {
        ok: true as const,
        agentStatus: outcome.agentStatus,
        nextHeartbeatS: outcome.nextHeartbeatS,
        ...(outcome.policy ? { policy: outcome.policy } : {}),
        ...(outcome.secrets ? { secrets: outcome.secrets } : {}),
        commands: outcome.commands,
      };
    case "replay":
      throw new AppError("conflict", "This token (jti) has been used already");
    case "stale_seq":
      throw new AppError("conflict", "seq must increase with every heartbeat");
    case "revoked":
      throw new AppError("forbidden", "This agent's key has been revoked; pair the host again");
    case "gone":
      throw new AppError("unauthorized", "Unknown agent");
  }
}
