import { executeCommand } from "./command-exec";
import { readConfig, updateConfig } from "./config";
import type { AgentConfig, CommandAck, LastHeartbeat } from "./config";
import { probeGateway } from "./gateway-probe";
import type { GatewayHealth } from "./gateway-probe";
import { MAX_ACKS_PER_BODY, buildHeartbeat } from "./heartbeat-body";
import type { HeartbeatBody } from "./heartbeat-body";
import { policyVersionOf } from "./heartbeat-response";
import type { HeartbeatResponse } from "./heartbeat-response";
import type { Logger } from "./logger";
import { MetricsSampler } from "./metrics";
import type { PluginRunner } from "./plugins";
import type { Spool } from "./spool";
import type { UsageCollector } from "./usage-collector";
import { clamp, printable } from "./text";
import { describeError } from "./errors";
import type { MiniFetch } from "./light-fetch";
import type { ApplyDeps } from "./policy-apply";
import type { PolicyStatus } from "./policy-shape";
import type { SecretsDeps } from "./secrets-apply";
import { applySecretsDelivery, ensureBoxKey, secretsBodyPart } from "./secrets-runtime";
import type { SessionsGateway } from "./session-pins";
import { check } from "./shape";
import { AGENT_VERSION } from "./version";

const RECENT_COMMANDS = 50;
const MAX_INTERVAL_S = 86_400;
// How long a heartbeat waits for the gateway's usage; a slower read rides on a later one.
const USAGE_BUDGET_MS = 2_000;

export interface RuntimeOptions {
  configPath: string;
  spool: Spool;
  log: Logger;
  fetch?: MiniFetch;
  openclawBin?: string;
  /** How a delivered policy reaches the gateway (default: its RPC protocol and the openclaw CLI). */
  policyDeps?: ApplyDeps;
  /** How delivered secrets reach the gateway (default: its file secrets provider and RPC). */
  secretsDeps?: SecretsDeps;
  /** The gateway connection clear_session_models uses (default: its RPC protocol). */
  sessionsGateway?: () => Promise<SessionsGateway>;
}

// A revision the gateway refused is tried again after this long, not on every heartbeat.
export const FAILED_POLICY_RETRY_MS = 15 * 60_000;

/**
 * The agent's state while it runs: the config (persisted after every change, so a restart
 * continues from the same seq, policy version and unsent acknowledgements), the metrics sampler
 * and the command runner.
 */
export class AgentRuntime {
  readonly sampler = new MetricsSampler();
  /** Custom metric plugins, when started: each body takes their latest results, never waiting for a run. */
  plugins: Pick<PluginRunner, "latest"> | null = null;
  /** The gateway's usage and cost, when read (clawfleet run): each body takes what changed. */
  usage: Pick<UsageCollector, "take" | "delivered" | "gatewayVersion" | "guard" | "model"> | null = null;
  private conflictStreak = 0;
  private saving: Promise<unknown> = Promise.resolve();
  private policyInFlight: Promise<void> | null = null;
  private secretsInFlight: Promise<void> | null = null;
  private earlyReport = false;

  private constructor(
    readonly options: RuntimeOptions,
    private state: AgentConfig,
  ) {}

  static async load(options: RuntimeOptions): Promise<AgentRuntime> {
    const rt = new AgentRuntime(options, await readConfig(options.configPath));
    await ensureBoxKey(rt);
    return rt;
  }

  get config(): AgentConfig {
    return this.state;
  }

  /** Writes are queued: a policy applied in the background saves while heartbeats do. */
  async save(patch: Partial<AgentConfig>): Promise<void> {
    const write = this.saving.then(async () => {
      this.state = await updateConfig(this.options.configPath, this.state.agentId, patch);
    });
    this.saving = write.catch(() => {});
    await write;
  }

  /** Allocates and persists the next seq. After a 409 it jumps 1, 2, 4, ... past the last one (or past the server's hint). */
  async nextSeq(conflict?: { lastSeq?: number }): Promise<number> {
    let seq = this.state.seq + 1;
    if (conflict) {
      this.conflictStreak += 1;
      seq = this.state.seq + 2 ** Math.min(this.conflictStreak - 1, 30);
      if (conflict.lastSeq !== undefined) seq = Math.max(seq, conflict.lastSeq + 1);
    }
    await this.save({ seq });
    return seq;
  }

  /** Probes the gateway, samples the host and builds the next body (with the acks not yet delivered). */
  async collect(): Promise<{ body: HeartbeatBody; gateway: GatewayHealth }> {
    const [probed, metrics, usage] = await Promise.all([probeGateway(this.state.gatewayUrl), this.sampler.sample(), this.usage?.take(USAGE_BUDGET_MS)]);
    const version = probed.version ?? this.usage?.gatewayVersion;
    const model = this.usage?.model;
    const gateway = probed.reachable ? { ...probed, ...(version ? { version } : {}), ...(model ? { model } : {}) } : probed;
    const plugged = this.plugins?.latest();
    const body = buildHeartbeat({
      seq: await this.nextSeq(),
      gateway,
      ...(plugged && plugged.reports.length > 0 ? { custom: plugged.custom, plugins: plugged.reports } : {}),
      metrics,
      ...(usage ? { usageDaily: usage.usageDaily, usageError: usage.usageError } : {}),
      policyVersion: this.state.policyVersion,
      ...(this.state.policyStatus ? { policyStatus: this.state.policyStatus } : {}),
      ...(this.usage?.guard ? { guard: this.usage.guard } : {}),
      secrets: secretsBodyPart(this),
      acks: this.state.pendingAcks.slice(0, MAX_ACKS_PER_BODY),
    });
    return { body, gateway };
  }

  /** `body` reached the server or the spool: its acks and usage figures no longer ride on new bodies. */
  async bodyDelivered(body: HeartbeatBody): Promise<void> {
    this.usage?.delivered(body.usageDaily ?? []);
    if (body.acks.length === 0) return;
    const sent = new Set(body.acks.map((a) => a.commandId));
    await this.save({ pendingAcks: this.state.pendingAcks.filter((a) => !sent.has(a.commandId)) });
  }

  async record(last: Omit<LastHeartbeat, "at">): Promise<void> {
    await this.save({ lastHeartbeat: { at: new Date().toISOString(), ...last } });
  }

  /** Applies a 200 answer: interval, policy, then runs the commands it carries. Answers the new acks. */
  async applyResponse(response: HeartbeatResponse): Promise<CommandAck[]> {
    this.conflictStreak = 0;
    const patch: Partial<AgentConfig> = {};
    if (response.nextHeartbeatS !== undefined) patch.heartbeatIntervalS = clamp(Math.round(response.nextHeartbeatS), 1, MAX_INTERVAL_S);
    if (Object.keys(patch).length > 0) await this.save(patch);
    // Applying may install the plugin (tens of seconds): heartbeats go on meanwhile.
    if (response.policy && !this.policyInFlight) {
      const { log } = this.options;
      this.policyInFlight = this.applyPolicy(response.policy)
        .catch((error: unknown) => log.error("policy_error", `applying the policy failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => (this.policyInFlight = null));
    }
    if (response.secrets && !this.secretsInFlight) {
      const { log } = this.options;
      this.secretsInFlight = applySecretsDelivery(this, response.secrets, this.options.secretsDeps)
        .catch((error: unknown) => log.error("secrets_error", `applying the secrets failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => (this.secretsInFlight = null));
    }
    const acks: CommandAck[] = [];
    for (const command of response.commands) {
      const known = this.state.recentCommands.find((c) => c.commandId === command.id);
      // Delivered again before its ack arrived: acknowledge again, never run twice.
      const ack = known ?? (await this.runCommand(command));
      if (!known) this.earlyReport = true;
      acks.push(ack);
      const pending = this.state.pendingAcks.filter((a) => a.commandId !== ack.commandId);
      const recent = [...this.state.recentCommands.filter((c) => c.commandId !== ack.commandId), ack].slice(-RECENT_COMMANDS);
      await this.save({ pendingAcks: [...pending, ack], recentCommands: recent });
    }
    return acks;
  }

  /**
   * Whether the server should hear now rather than in a whole interval: a policy attempt ended or
   * commands ran since the last heartbeat (a kill switch is confirmed within one interval plus the
   * time it took). Reading it clears it.
   */
  takeEarlyReport(): boolean {
    const due = this.earlyReport;
    this.earlyReport = false;
    return due;
  }

  /** The policy being applied in the background, if any (the loop wakes when it ends). */
  get policyApplying(): Promise<void> | null {
    return this.policyInFlight;
  }

  /** Resolves once a policy or secrets being applied in the background are done. */
  async policySettled(): Promise<void> {
    await Promise.all([this.policyInFlight, this.secretsInFlight]);
  }

  /**
   * Applies a delivered policy whose revision differs from the applied one. The outcome rides on
   * every heartbeat as policyStatus; policyVersion moves only once the gateway took it.
   */
  async applyPolicy(delivered: Record<string, unknown>, now = Date.now()): Promise<void> {
    const version = policyVersionOf(delivered);
    if (version === undefined || version === this.state.policyVersion) return;
    const last = this.state.policyStatus;
    const lastAt = this.state.policyAttemptAt ? Date.parse(this.state.policyAttemptAt) : Number.NaN;
    if (last?.version === version && last.status === "failed" && now - lastAt < FAILED_POLICY_RETRY_MS) return;
    const { log } = this.options;
    const { DeliveredPolicy } = await import("./policy-shape");
    const parsed = check(DeliveredPolicy, delivered);
    let status: PolicyStatus;
    let transient = false;
    if (!parsed.ok) status = { version, status: "failed", message: `the delivered policy is malformed (${parsed.error.where})` };
    else {
      const { applyPolicy } = await import("./policy-apply");
      const previous = this.state.policy ? check(DeliveredPolicy, this.state.policy) : null;
      const deps = this.options.policyDeps ?? (await import("./policy-gateway")).policyDeps({ gatewayUrl: this.state.gatewayUrl, configPath: this.options.configPath, version: AGENT_VERSION, openclawBin: this.options.openclawBin });
      log.info("policy", `applying policy revision ${version}`, { version });
      ({ report: status, transient } = await applyPolicy(parsed.data, previous?.ok ? previous.data : null, deps));
    }
    // A gateway that was not there to ask did not refuse anything: the next heartbeat tries again.
    const attempt = { policyStatus: status, policyAttemptAt: transient ? undefined : new Date(now).toISOString() };
    if (!transient) this.earlyReport = true;
    if (status.status === "applied" && parsed.ok) {
      await this.save({ ...attempt, policy: parsed.data, policyVersion: version });
      log.info("policy_applied", `policy revision ${version} applied`, { version });
    } else {
      await this.save(attempt);
      log.warn("policy_failed", `policy revision ${version} not applied: ${status.message ?? ""}`, { version });
    }
  }

  /** clear_session_models {keep}: over the gateway's RPC protocol, not the openclaw CLI. */
  private async clearPins(command: HeartbeatResponse["commands"][number]): Promise<CommandAck> {
    const keep = command.args.keep;
    if (typeof keep !== "string" || !/^[A-Za-z0-9._-]+\/[A-Za-z0-9._:@/-]+$/.test(keep)) return { commandId: command.id, status: "failed", message: "invalid args.keep (expected provider/model)" };
    const { clearSessionPins } = await import("./session-pins");
    const connect = this.options.sessionsGateway ?? (async () => (await import("./policy-gateway")).adminGateway({ gatewayUrl: this.state.gatewayUrl, configPath: this.options.configPath, version: AGENT_VERSION }));
    let gateway: SessionsGateway;
    try {
      gateway = await connect();
    } catch (error) {
      return { commandId: command.id, status: "failed", message: printable(`cannot reach the gateway: ${describeError(error)}`, 500) };
    }
    try {
      return { commandId: command.id, ...(await clearSessionPins(gateway, keep)) };
    } finally {
      gateway.close();
    }
  }

  private async runCommand(command: HeartbeatResponse["commands"][number]): Promise<CommandAck> {
    this.options.log.info("command", `running ${command.type} (${command.id})`, { commandId: command.id, type: command.type });
    const ack = command.type === "clear_session_models" ? await this.clearPins(command) : await executeCommand(command, { bin: this.options.openclawBin });
    const log = ack.status === "done" ? this.options.log.info : this.options.log.warn;
    log("command_ack", `${command.type} ${ack.status}: ${ack.message}`, { ...ack });
    return ack;
  }
}
