import { AgentRuntime } from "./agent-runtime";
import { defaultSpoolDir, resolveConfigPath } from "./config";
import type { CommandAck } from "./config";
import type { GatewayHealth } from "./gateway-probe";
import { heartbeatRound } from "./heartbeat-round";
import { silentLogger } from "./logger";
import type { Logger } from "./logger";
import { acquireRunLock } from "./run-lock";
import { DEFAULT_MAX_SPOOL, Spool } from "./spool";
import { sleep } from "./text";

export interface RunOptions {
  configPath?: string;
  spoolDir?: string;
  maxSpool?: number;
  log?: Logger;
  fetch?: typeof fetch;
  /** The openclaw binary for commands (default $OPENCLAW_BIN, else openclaw). */
  openclawBin?: string;
  /** How long the first CPU and disk sample spans (default 1 s). */
  sampleWindowMs?: number;
}

export interface RunOnceResult {
  ok: boolean;
  outcome: "ok" | "retry" | "unauthorized" | "rejected" | "idle";
  seq: number | null;
  httpStatus: number | null;
  agentStatus: string | null;
  nextHeartbeatS: number;
  message: string | null;
  /** Heartbeats accepted in this run, spooled ones included. */
  sent: number;
  dropped: number;
  spooled: boolean;
  spoolSize: number;
  gateway: GatewayHealth;
  /** Commands received and run; their acks go out with the next heartbeat. */
  acks: CommandAck[];
}

export async function openRuntime(options: RunOptions): Promise<AgentRuntime> {
  const configPath = options.configPath ?? resolveConfigPath();
  return AgentRuntime.load({
    configPath,
    spool: new Spool(options.spoolDir ?? defaultSpoolDir(configPath), options.maxSpool ?? DEFAULT_MAX_SPOOL),
    log: options.log ?? silentLogger,
    fetch: options.fetch,
    openclawBin: options.openclawBin,
  });
}

/** Sends one heartbeat (after whatever the spool holds) and answers what happened. */
export async function runOnce(options: RunOptions = {}): Promise<RunOnceResult> {
  const rt = await openRuntime(options);
  const release = await acquireRunLock(rt.options.configPath);
  try {
    await rt.sampler.prime();
    await sleep(options.sampleWindowMs ?? 1_000);
    const { body, gateway } = await rt.collect();
    const { delivery, acks } = await heartbeatRound(rt, body);
    const { outcome } = delivery;
    return {
      ok: outcome.kind === "ok",
      outcome: outcome.kind,
      seq: outcome.kind === "ok" ? outcome.seq : body.seq,
      httpStatus: outcome.kind === "idle" ? null : outcome.httpStatus,
      agentStatus: outcome.kind === "ok" ? outcome.response.agentStatus : null,
      nextHeartbeatS: rt.config.heartbeatIntervalS,
      message: outcome.kind === "ok" || outcome.kind === "idle" ? null : outcome.message,
      sent: delivery.sent,
      dropped: delivery.dropped,
      spooled: delivery.spooled,
      spoolSize: await rt.options.spool.size(),
      gateway,
      acks,
    };
  } finally {
    await release();
  }
}
