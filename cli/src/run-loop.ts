import type { AgentRuntime } from "./agent-runtime";
import { backoffDelay } from "./backoff";
import { CliError, EXIT, describeError } from "./errors";
import type { ExitCode } from "./errors";
import { heartbeatRound } from "./heartbeat-round";
import { defaultPluginsDir, startPlugins } from "./plugins";
import { acquireRunLock } from "./run-lock";
import { openRuntime, usageCollector } from "./run-once";
import type { RunOptions } from "./run-once";
import { sleep } from "./text";

/** After a policy attempt or commands, the next heartbeat goes this soon instead of a whole interval later. */
export const EARLY_REPORT_MS = 1_000;

export interface LoopOptions extends RunOptions {
  /** Aborting it stops the loop after the round in progress. */
  signal?: AbortSignal;
}

/**
 * Sends a heartbeat every interval until stopped. After a transient failure it waits with jittered
 * exponential backoff; heartbeats falling due meanwhile go straight to the spool, so a server
 * outage leaves no gap in the history once the backlog is sent.
 */
export async function runLoop(options: LoopOptions = {}): Promise<ExitCode> {
  const rt = await openRuntime(options);
  const release = await acquireRunLock(rt.options.configPath);
  const signal = options.signal ?? new AbortController().signal;
  const { log, spool } = rt.options;
  const plugins = startPlugins({
    dir: options.pluginsDir ?? defaultPluginsDir(rt.options.configPath),
    intervalMs: () => rt.config.heartbeatIntervalS * 1000,
    timeoutMs: options.pluginTimeoutMs,
    log,
  });
  rt.plugins = plugins;
  const usage = usageCollector(rt, options);
  rt.usage = usage;
  try {
    const c = rt.config;
    log.info("start", `agent ${c.agentId} reporting to ${c.url} every ${c.heartbeatIntervalS} s (gateway ${c.gatewayUrl}, spool ${spool.dir})`, {
      agentId: c.agentId,
      url: c.url,
      intervalS: c.heartbeatIntervalS,
      spoolSize: await spool.size(),
    });
    await rt.sampler.prime();
    await sleep(options.sampleWindowMs ?? 1_000, signal);
    // Scheduling uses the monotonic clock: a wall-clock step (NTP) neither stalls nor bursts heartbeats.
    const state: LoopState = { nextBeatAt: 0, retryAt: 0, attempt: 0 };
    while (!signal.aborted) {
      const exit = await tick(rt, state).catch((error: unknown) => {
        // A full disk or a torn file must not end the agent: log it and try again later.
        if (error instanceof CliError) throw error;
        state.attempt += 1;
        state.retryAt = performance.now() + backoffDelay(state.attempt);
        log.error("error", `heartbeat round failed: ${describeError(error)}`, { attempt: state.attempt });
        return null;
      });
      if (exit !== null) return exit;
      if (rt.takeEarlyReport()) state.nextBeatAt = Math.min(state.nextBeatAt, performance.now() + EARLY_REPORT_MS);
      const wake = state.retryAt > performance.now() ? Math.min(state.nextBeatAt, state.retryAt) : state.nextBeatAt;
      // A policy applied in the background wakes the loop when it ends, to report it early.
      const applying = rt.policyApplying;
      await (applying ? Promise.race([sleep(wake - performance.now(), signal), applying]) : sleep(wake - performance.now(), signal));
    }
    log.info("stop", "stopped");
    return EXIT.ok;
  } finally {
    await rt.policySettled();
    plugins.stop();
    usage?.close();
    await release();
  }
}

interface LoopState {
  nextBeatAt: number;
  /** While in the future, the server is left alone (backoff); 0 when not backing off. */
  retryAt: number;
  attempt: number;
}

async function tick(rt: AgentRuntime, state: LoopState): Promise<ExitCode | null> {
  const { log, spool } = rt.options;
  const beatAt = performance.now();
  let current = null;
  if (beatAt >= state.nextBeatAt) {
    state.nextBeatAt = beatAt + rt.config.heartbeatIntervalS * 1000;
    const { body } = await rt.collect();
    if (beatAt < state.retryAt) {
      await spool.add(rt.config.agentId, body);
      await rt.bodyDelivered(body);
      log.info("spooled", `heartbeat seq ${body.seq} spooled while backing off`, { seq: body.seq });
    } else {
      current = body;
    }
  }
  const retryDue = state.retryAt > 0 && performance.now() >= state.retryAt;
  if (!current && !retryDue) return null;

  const { outcome } = (await heartbeatRound(rt, current)).delivery;
  switch (outcome.kind) {
    case "retry": {
      state.attempt += 1;
      const delay = backoffDelay(state.attempt, outcome.retryAfterMs);
      state.retryAt = performance.now() + delay;
      log.warn("backoff", `retrying in ${(delay / 1000).toFixed(1)} s (attempt ${state.attempt})`, { delayMs: delay, attempt: state.attempt });
      return null;
    }
    case "unauthorized":
      return EXIT.unauthorized;
    case "ok":
      // The server may have changed the interval.
      if (current) state.nextBeatAt = beatAt + rt.config.heartbeatIntervalS * 1000;
      break;
    default:
      break;
  }
  state.attempt = 0;
  state.retryAt = 0;
  return null;
}
