import type { AgentRuntime } from "./agent-runtime";
import type { CommandAck } from "./config";
import { deliver } from "./delivery";
import type { Delivery, DeliveryOutcome } from "./delivery";
import type { HeartbeatBody } from "./heartbeat-body";

export const REPAIR_HINT = "key revoked or agent deleted: re-pair with clawfleet pair --force";

export interface RoundResult {
  delivery: Delivery;
  /** Acknowledgements of the commands this round's answer carried; they ride on the next heartbeat. */
  acks: CommandAck[];
}

/** One heartbeat round: deliver (spool, then `current`), remember the result, run the commands received. */
export async function heartbeatRound(rt: AgentRuntime, current: HeartbeatBody | null): Promise<RoundResult> {
  const delivery = await deliver(rt, current);
  const { outcome } = delivery;
  if (current && (outcome.kind === "ok" || delivery.spooled)) await rt.bodyDelivered(current);
  if (outcome.kind === "idle") return { delivery, acks: [] };
  await rt.record({
    status: statusWord(outcome),
    httpStatus: outcome.httpStatus,
    agentStatus: outcome.kind === "ok" ? outcome.response.agentStatus : null,
    ...(outcome.kind === "ok" ? {} : { message: outcome.message }),
  });
  report(rt, delivery);
  const acks = outcome.kind === "ok" ? await rt.applyResponse(outcome.response) : [];
  return { delivery, acks };
}

function statusWord(outcome: Exclude<DeliveryOutcome, { kind: "idle" }>): string {
  if (outcome.kind !== "retry") return outcome.kind;
  if (outcome.httpStatus === null) return "unreachable";
  return outcome.httpStatus === 429 ? "rate_limited" : "server_error";
}

function report(rt: AgentRuntime, { outcome, sent, dropped, spooled }: Delivery): void {
  const { log } = rt.options;
  const counts = { sent, dropped, spooled };
  switch (outcome.kind) {
    case "ok": {
      const next = outcome.response.nextHeartbeatS ?? rt.config.heartbeatIntervalS;
      const backlog = sent > 1 ? ` (${sent - 1} spooled sent first)` : "";
      log.info("heartbeat_ok", `heartbeat seq ${outcome.seq} accepted: agent ${outcome.response.agentStatus ?? "?"}${backlog}, next in ${next} s`, {
        seq: outcome.seq,
        httpStatus: outcome.httpStatus,
        agentStatus: outcome.response.agentStatus,
        commands: outcome.response.commands.length,
        ...counts,
      });
      return;
    }
    case "retry":
      log.warn("heartbeat_retry", `heartbeat not delivered (${outcome.message})${spooled ? "; kept in the spool" : ""}`, {
        httpStatus: outcome.httpStatus,
        ...counts,
      });
      return;
    case "unauthorized":
      log.error("unauthorized", `${REPAIR_HINT} (server: ${outcome.message})`, { httpStatus: outcome.httpStatus });
      return;
    case "rejected":
      log.error("heartbeat_rejected", `heartbeat refused: ${outcome.message}`, { httpStatus: outcome.httpStatus, ...counts });
      return;
    default:
      return;
  }
}
