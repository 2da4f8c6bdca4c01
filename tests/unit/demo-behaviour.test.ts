import { describe, expect, it } from "vitest";
import { HeartbeatBody } from "@/lib/schemas/heartbeat";
import { buildHeartbeat } from "@/cli/src/heartbeat-body";
import {
  DEFAULT_RATES,
  createProfile,
  dailyLoad,
  initialState,
  restartGateway,
  seededRandom,
  stepAgent,
  type AgentProfile,
  type AgentState,
  type EpisodeKind,
  type Step,
} from "@/scripts/demo/behaviour";
import { costUsd, drawUsage } from "@/scripts/demo/usage";
import { planAgents } from "@/scripts/demo/fleet-setup";

const START = Date.UTC(2026, 10, 23, 0, 0, 0);
const STEP_MS = 5_000;

/** `hosts` hosts stepped every 5 s for `hours`, from one seed. */
function simulate(seed: number, hosts: number, hours: number): { profiles: AgentProfile[]; steps: Step[][] } {
  const random = seededRandom(seed);
  const profiles = Array.from({ length: hosts }, () => createProfile(random));
  const states: AgentState[] = profiles.map((p) => initialState(p, START));
  const steps: Step[][] = profiles.map(() => []);
  for (let t = START + STEP_MS; t <= START + hours * 3_600_000; t += STEP_MS) {
    profiles.forEach((profile, i) => {
      const step = stepAgent(profile, states[i] ?? initialState(profile, t), t, random);
      states[i] = step.state;
      steps[i]?.push(step);
    });
  }
  return { profiles, steps };
}

describe("demo behaviour model", () => {
  const { steps } = simulate(42, 25, 6);
  const all = steps.flat();

  it("keeps every figure in range and valid for the heartbeat schema", () => {
    const values = (pick: (s: Step) => number) => {
      const list = all.map(pick);
      return { min: Math.min(...list), max: Math.max(...list) };
    };
    for (const key of ["cpuPct", "memUsedPct", "memPressurePct"] as const) {
      const { min, max } = values((s) => s.sample.metrics[key]);
      expect(min).toBeGreaterThanOrEqual(0);
      expect(max).toBeLessThanOrEqual(100);
    }
    expect(values((s) => Math.min(s.sample.metrics.diskReadBps, s.sample.metrics.diskWriteBps, s.sample.metrics.load1)).min).toBeGreaterThanOrEqual(0);
    expect(values((s) => s.sample.gateway.rttMs).min).toBeGreaterThan(0);
    const first = all[0];
    if (!first) throw new Error("no steps");
    const body = buildHeartbeat({ seq: 1, gateway: { url: "http://127.0.0.1:18789", ...first.sample.gateway }, metrics: first.sample.metrics, policyVersion: 0, acks: [] });
    expect(HeartbeatBody.safeParse(body).success).toBe(true);
  });

  it("keeps a healthy gateway at 5–150 ms, mostly 20–80 ms, and moves smoothly", () => {
    const calm = all.filter((s) => s.state.episode === null).map((s) => s.sample.gateway.rttMs);
    expect(Math.min(...calm)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...calm)).toBeLessThanOrEqual(150);
    const typical = calm.filter((r) => r >= 10 && r <= 95).length / calm.length;
    expect(typical).toBeGreaterThan(0.9);
    const host = steps[0] ?? [];
    const jumps = host.slice(1).map((s, i) => Math.abs(s.sample.metrics.cpuPct - (host[i]?.sample.metrics.cpuPct ?? 0)));
    expect(jumps.filter((j) => j < 15).length / jumps.length).toBeGreaterThan(0.9);
  });

  it("has degraded and silent episodes of a few minutes, a few hosts at a time, none in the first 45 s", () => {
    const began = all.flatMap((s) => (s.began ? [{ kind: s.began.kind, ms: s.began.untilMs - s.state.atMs, at: s.state.atMs }] : []));
    const kinds = new Set<EpisodeKind>(began.map((b) => b.kind));
    expect(kinds).toEqual(new Set(["slow", "unhealthy", "silent"]));
    for (const b of began) {
      expect(b.ms).toBeGreaterThanOrEqual(60_000);
      expect(b.ms).toBeLessThanOrEqual(300_000);
    }
    expect(Math.min(...began.map((b) => b.at)) - START).toBeGreaterThanOrEqual(DEFAULT_RATES.calmStartMs);
    const perTick = (steps[0] ?? []).map((_, t) => steps.filter((h) => h[t]?.state.episode).length);
    const mean = perTick.reduce((a, b) => a + b, 0) / perTick.length;
    expect(mean).toBeGreaterThan(1);
    expect(mean).toBeLessThan(6);
  });

  it("reports what a degraded or silent host looks like", () => {
    const slow = all.filter((s) => s.state.episode?.kind === "slow");
    expect(slow.every((s) => s.sample.gateway.rttMs > 1000 && s.sample.gateway.healthy)).toBe(true);
    const unhealthy = all.filter((s) => s.state.episode?.kind === "unhealthy");
    expect(unhealthy.every((s) => !s.sample.gateway.healthy)).toBe(true);
    const hot = [...slow, ...unhealthy].filter((s) => s.sample.metrics.cpuPct > 70).length;
    expect(hot / (slow.length + unhealthy.length)).toBeGreaterThan(0.8);
    expect(all.filter((s) => s.state.episode?.kind === "silent").every((s) => s.sample.silent)).toBe(true);
  });

  it("is reproducible from its seed", () => {
    const samples = (list: Step[]) => JSON.stringify(list.map((s) => s.sample));
    const once = samples(simulate(42, 5, 1).steps.flat());
    expect(samples(simulate(42, 5, 1).steps.flat())).toBe(once);
    expect(samples(simulate(7, 5, 1).steps.flat())).not.toBe(once);
  });

  it("ends a degraded episode on restart but not a silence", () => {
    const random = seededRandom(1);
    const profile = createProfile(random);
    const state = initialState(profile, START);
    expect(restartGateway(profile, { ...state, episode: { kind: "slow", untilMs: START + 60_000 }, rttMs: 2000 })).toMatchObject({ episode: null, rttMs: profile.baseRttMs });
    const silent = { ...state, episode: { kind: "silent" as const, untilMs: START + 60_000 } };
    expect(restartGateway(profile, silent)).toBe(silent);
  });

  it("follows a daily rhythm", () => {
    const loads = Array.from({ length: 24 * 12 }, (_, i) => dailyLoad(START + i * 300_000, 0));
    expect(Math.min(...loads)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...loads)).toBeLessThanOrEqual(1);
    expect(Math.max(...loads) - Math.min(...loads)).toBeGreaterThan(0.6);
  });
});

describe("demo usage and plan", () => {
  it("prices tokens per model and draws usage when busy", () => {
    expect(costUsd("anthropic/claude-sonnet-4-5", 1_000_000, 100_000)).toBeCloseTo(4.5);
    expect(costUsd("openai/gpt-5-mini", 1_000_000, 1_000_000)).toBeCloseTo(2.25);
    const random = seededRandom(3);
    const mix = { primary: "anthropic/claude-sonnet-4-5", secondary: "openai/gpt-5-mini", peakTokensPerS: 100 };
    const draws = Array.from({ length: 200 }, (_, i) => drawUsage(mix, 0, START + i * 600_000, 5, random)).flat();
    expect(draws.length).toBeGreaterThan(100);
    expect(new Set(draws.map((u) => u.model))).toEqual(new Set([mix.primary, mix.secondary]));
    for (const u of draws) expect(u.costUsd).toBeCloseTo(costUsd(u.model, u.inputTokens, u.outputTokens), 6);
    expect(drawUsage(mix, 0, START, 0, random)).toEqual([]);
  });

  it("plans the same names across regions and three fleets", () => {
    const plan = planAgents(25);
    expect(plan.map((p) => p.name)).toEqual(planAgents(25).map((p) => p.name));
    expect(new Set(plan.map((p) => p.name)).size).toBe(25);
    expect(new Set(plan.map((p) => p.region)).size).toBe(7);
    expect(new Set(plan.map((p) => p.fleet.name))).toEqual(new Set(["Production", "Staging", "Research"]));
    expect(plan[0]?.name).toBe("prod-us-east-01");
  });
});
