// One simulated host: samples its behaviour each interval and posts it as a signed heartbeat with the
// clawfleet CLI's own code (body, EdDSA signature bound to the body, response handling).
import type { CommandAck } from "@/cli/src/config";
import { MAX_ACKS_PER_BODY, buildHeartbeat } from "@/cli/src/heartbeat-body";
import { classify, policyVersionOf, type HeartbeatResponse } from "@/cli/src/heartbeat-response";
import { postHeartbeat } from "@/cli/src/http-client";
import { createProfile, initialState, restartGateway, stepAgent, between, type AgentProfile, type AgentState, type Episode, type Random } from "./behaviour";
import type { PairedDemoAgent } from "./fleet-setup";
import { drawUsage, type ModelMix } from "./usage";

const GATEWAY = { url: "http://127.0.0.1:18789", version: "2026.9.6" };
const EPISODE_TEXT = { slow: "gateway slow (RTT over 1 s), CPU high", unhealthy: "gateway unhealthy, CPU high", silent: "host stopped reporting" } as const;
const minutes = (e: Episode, nowMs: number) => Math.max(1, Math.round((e.untilMs - nowMs) / 60_000));

export class SimAgent {
  status: string | null = null;
  seq = 0;
  readonly ready: Promise<boolean>;
  private markReady: (ok: boolean) => void = () => {};
  private profile: AgentProfile;
  private mix: ModelMix;
  private state: AgentState;
  private acks: CommandAck[] = [];
  private policyVersion = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly bootedAtMs: number;

  constructor(
    readonly identity: PairedDemoAgent & { url: string },
    private readonly random: Random,
    private readonly log: (line: string) => void,
  ) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.profile = createProfile(random);
    this.mix = { ...identity.fleet.models, peakTokensPerS: between(random, 20, 120) };
    this.state = initialState(this.profile, Date.now());
    this.bootedAtMs = Date.now() - between(random, 3_600_000, 40 * 86_400_000);
  }

  get id(): string {
    return this.identity.agentId;
  }

  start(delayMs: number): void {
    this.schedule(delayMs);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.markReady(false);
  }

  private schedule(ms: number): void {
    if (!this.stopped) this.timer = setTimeout(() => void this.beat().catch((e: unknown) => this.fail(String(e))), ms);
  }

  private say(text: string): void {
    this.log(`${this.identity.name}: ${text}`);
  }

  private fail(text: string): void {
    this.say(`${text}; this agent stops`);
    this.stop();
  }

  private async beat(): Promise<void> {
    const now = Date.now();
    const dtS = (now - this.state.atMs) / 1000;
    const step = stepAgent(this.profile, this.state, now, this.random);
    this.state = step.state;
    if (step.ended) this.say(step.ended.kind === "silent" ? "reporting again" : "recovered");
    if (step.began) this.say(`${EPISODE_TEXT[step.began.kind]} for about ${minutes(step.began, now)} min`);
    const intervalMs = this.identity.heartbeatIntervalS * 1000;
    if (step.sample.silent) return this.schedule(intervalMs);

    const acks = this.acks.slice(0, MAX_ACKS_PER_BODY);
    const built = buildHeartbeat({
      seq: this.seq + 1,
      gateway: { ...GATEWAY, ...step.sample.gateway },
      metrics: step.sample.metrics,
      usage: drawUsage(this.mix, this.profile.phaseH, now, dtS, this.random),
      policyVersion: this.policyVersion,
      acks,
      now: new Date(now),
    });
    const host = { hostname: this.identity.name, os: "linux", arch: this.identity.arch, uptimeS: Math.round((now - this.bootedAtMs) / 1000) };
    const verdict = classify(await postHeartbeat(this.identity, JSON.stringify({ ...built, host })));
    if (this.stopped) return;
    switch (verdict.kind) {
      case "ok":
        this.seq += 1;
        this.acks = this.acks.slice(acks.length);
        this.accept(verdict.response);
        this.markReady(true);
        return this.schedule(this.acks.length > 0 ? 1000 : (verdict.response.nextHeartbeatS ?? this.identity.heartbeatIntervalS) * 1000);
      case "conflict":
        this.seq = Math.max(this.seq + 1, verdict.lastSeq ?? 0);
        return this.schedule(1000);
      case "retry":
        return this.schedule(Math.max(intervalMs, verdict.retryAfterMs ?? 0));
      case "unauthorized":
        return this.fail(`heartbeat refused (${verdict.message}): the key was revoked or the agent deleted`);
      case "rejected":
        return this.fail(`heartbeat rejected: ${verdict.message}`);
    }
  }

  private accept(response: HeartbeatResponse): void {
    if (response.agentStatus && response.agentStatus !== this.status && this.status !== null) this.say(`now ${response.agentStatus}`);
    this.status = response.agentStatus;
    this.policyVersion = policyVersionOf(response.policy) ?? this.policyVersion;
    for (const command of response.commands) this.acks.push(this.execute(command));
  }

  /** What clawfleet would do with the gateway, simulated; the acknowledgement goes out with the next heartbeat. */
  private execute(command: HeartbeatResponse["commands"][number]): CommandAck {
    const done = (message: string): CommandAck => {
      this.say(`${command.type} received, ${message}`);
      return { commandId: command.id, status: "done", message };
    };
    switch (command.type) {
      case "restart":
        this.state = restartGateway(this.profile, this.state);
        return done("gateway restarted");
      case "set_model": {
        const model = typeof command.args.model === "string" ? command.args.model : this.mix.primary;
        this.mix = { ...this.mix, primary: model };
        return done(`default model set to ${model}`);
      }
      case "apply_config":
        return done("config applied");
      default:
        return { commandId: command.id, status: "failed", message: `unsupported command ${command.type}` };
    }
  }
}
