import type { AgentRuntime } from "./agent-runtime";
import type { HeartbeatBody } from "./heartbeat-body";
import { classify } from "./heartbeat-response";
import type { HeartbeatResponse, Verdict } from "./heartbeat-response";
import { postHeartbeat } from "./http-client";

/** How many times a 409 on the current body is answered with a fresh seq before giving up on it. */
const MAX_CONFLICT_RETRIES = 5;

export type DeliveryOutcome =
  | { kind: "ok"; httpStatus: number; response: HeartbeatResponse; seq: number | null }
  | { kind: "idle" }
  | { kind: "retry"; httpStatus: number | null; retryAfterMs?: number; message: string }
  | { kind: "unauthorized"; httpStatus: number; message: string }
  | { kind: "rejected"; httpStatus: number | null; message: string };

export interface Delivery {
  outcome: DeliveryOutcome;
  /** Bodies the server accepted in this round (spooled ones included). */
  sent: number;
  /** Spooled bodies dropped: refused for good, or of an earlier pairing. */
  dropped: number;
  /** The current body went into the spool. */
  spooled: boolean;
}

async function send(rt: AgentRuntime, body: HeartbeatBody): Promise<Verdict> {
  const result = await postHeartbeat(rt.config, JSON.stringify(body), { fetch: rt.options.fetch });
  return classify(result);
}

/**
 * Sends what the spool holds, oldest first (each re-signed), then `current`. On a transient
 * failure the rest waits and `current` joins the spool; a 409 on the current body is retried
 * with a higher seq; any other refusal of a spooled body drops it.
 */
export async function deliver(rt: AgentRuntime, current: HeartbeatBody | null): Promise<Delivery> {
  const { spool, log } = rt.options;
  const round: Delivery = { outcome: { kind: "idle" }, sent: 0, dropped: 0, spooled: false };
  const keep = async (body: HeartbeatBody | null): Promise<void> => {
    if (!body) return;
    const evicted = await spool.add(rt.config.agentId, body);
    if (evicted > 0) log.warn("spool_full", `spool full: dropped ${evicted} oldest heartbeat(s)`, { evicted });
    round.spooled = true;
  };

  for (const entry of await spool.list()) {
    if (entry.agentId !== rt.config.agentId) {
      await spool.remove(entry);
      round.dropped += 1;
      continue;
    }
    const verdict = await send(rt, entry.body);
    if (verdict.kind === "ok") {
      await spool.remove(entry);
      round.sent += 1;
      round.outcome = { ...verdict, seq: entry.body.seq };
    } else if (verdict.kind === "conflict" || verdict.kind === "rejected") {
      await spool.remove(entry);
      round.dropped += 1;
      log.warn("spool_drop", `spooled heartbeat seq ${entry.body.seq} refused (${verdict.message}); dropped`, { seq: entry.body.seq });
    } else {
      if (verdict.kind === "retry") await keep(current);
      return { ...round, outcome: verdict };
    }
  }
  if (!current) return round;

  let body = current;
  for (let attempt = 0; attempt <= MAX_CONFLICT_RETRIES; attempt += 1) {
    const verdict = await send(rt, body);
    if (verdict.kind === "ok") return { ...round, sent: round.sent + 1, outcome: { ...verdict, seq: body.seq } };
    if (verdict.kind === "retry") {
      await keep(body);
      return { ...round, outcome: verdict };
    }
    if (verdict.kind !== "conflict") return { ...round, outcome: verdict };
    const seq = await rt.nextSeq({ lastSeq: verdict.lastSeq });
    log.warn("seq_conflict", `server refused seq ${body.seq} (${verdict.message}); retrying as seq ${seq}`, { seq });
    body = { ...body, seq };
  }
  return { ...round, outcome: { kind: "rejected", httpStatus: 409, message: "seq conflicts persisted; will continue on the next heartbeat" } };
}
