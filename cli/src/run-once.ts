import { AgentRuntime } from "./agent-runtime";
import { defaultSpoolDir, resolveConfigPath } from "./config";
import type { CommandAck } from "./config";
import type { GatewayHealth } from "./gateway-probe";
import { heartbeatRound } from "./heartbeat-round";
import { silentLogger } from "./logger";
import type { Logger } from "./logger";
import { defaultPluginsDir, runPluginsOnce } from "./plugins";
import type { PluginReport } from "./plugins";
import { acquireRunLock } from "./run-lock";
import { DEFAULT_MAX_SPOOL, Spool } from "./spool";
import { sleep } from "./text";
import { UsageCollector } from "./usage-collector";
import { loadGatewayDevice } from "./gateway-device";
import { AGENT_VERSION } from "./version";
import type { MiniFetch } from "./light-fetch";
import type { ApplyDeps } from "./policy-apply";

export interface RunOptions {
  configPath?: string;
  spoolDir?: string;
  maxSpool?: number;
  log?: Logger;
  fetch?: MiniFetch;
  /** The openclaw binary for commands (default $OPENCLAW_BIN, else openclaw). */
  openclawBin?: string;
  /** How long the first CPU and disk sample spans (default 1 s). */
  sampleWindowMs?: number;
  /** Custom metric plugins (default: plugins/ next to the config file) and their time-out. */
  pluginsDir?: string;
  pluginTimeoutMs?: number;
  /** Read the gateway's usage and cost over its WebSocket protocol (default true). */
  usage?: boolean;
  /** How delivered policies reach the gateway (default: its RPC protocol, the openclaw CLI for the plugin). */
  policyDeps?: ApplyDeps;
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
  /** How each plugin's run went (its metrics are in the heartbeat's `custom`). */
  plugins: PluginReport[];
}

/** The gateway's usage for `rt`'s heartbeats, unless turned off. */
export function usageCollector(rt: AgentRuntime, options: RunOptions): UsageCollector | null {
  if (options.usage === false) return null;
  return new UsageCollector({ gatewayUrl: rt.config.gatewayUrl, device: () => loadGatewayDevice(rt.options.configPath), version: AGENT_VERSION });
}

export async function openRuntime(options: RunOptions): Promise<AgentRuntime> {
  const configPath = options.configPath ?? resolveConfigPath();
  return AgentRuntime.load({
    configPath,
    spool: new Spool(options.spoolDir ?? defaultSpoolDir(configPath), options.maxSpool ?? DEFAULT_MAX_SPOOL),
    log: options.log ?? silentLogger,
    fetch: options.fetch,
    openclawBin: options.openclawBin,
    policyDeps: options.policyDeps,
  });
}

/** Sends one heartbeat (after whatever the spool holds) and answers what happened. */
export async function runOnce(options: RunOptions = {}): Promise<RunOnceResult> {
  const rt = await openRuntime(options);
  const release = await acquireRunLock(rt.options.configPath);
  try {
    await rt.sampler.prime();
    // A single heartbeat has no earlier results to take: it waits for one round (each plugin has its time-out).
    const [, plugged] = await Promise.all([
      sleep(options.sampleWindowMs ?? 1_000),
      runPluginsOnce({ dir: options.pluginsDir ?? defaultPluginsDir(rt.options.configPath), timeoutMs: options.pluginTimeoutMs, log: rt.options.log }),
    ]);
    rt.plugins = { latest: () => plugged };
    // One heartbeat: give the gateway's usage the time of a first connection.
    const usage = usageCollector(rt, options);
    await usage?.take(10_000);
    rt.usage = usage;
    const { body, gateway } = await rt.collect().finally(() => usage?.close());
    const { delivery, acks } = await heartbeatRound(rt, body);
    await rt.policySettled();
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
      plugins: body.plugins ?? [],
    };
  } finally {
    await release();
  }
}
