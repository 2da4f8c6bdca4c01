// How a simulated OpenClaw host behaves: metrics that wander smoothly around a daily rhythm, and
// now and then an episode (a slow or unhealthy gateway, or a host that stops reporting for a while).
// Pure: every draw comes from the injected random source, every clock reading from `nowMs`.
import type { HostMetrics } from "@/cli/src/metrics";
import { clamp, round } from "@/cli/src/text";

/** Uniform numbers in [0, 1): Math.random, or `seededRandom` for reproducible runs. */
export type Random = () => number;

/** mulberry32: small, fast and good enough for a simulation. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const between = (random: Random, min: number, max: number) => min + (max - min) * random();
const gauss = (random: Random) => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

export type EpisodeKind = "slow" | "unhealthy" | "silent";
export type Episode = { kind: EpisodeKind; untilMs: number };

/** Per host: average episodes per hour, and a calm start so every agent comes online first. */
export const DEFAULT_RATES = { degradedPerHour: 2, silentPerHour: 0.75, calmStartMs: 45_000 };
export type Rates = typeof DEFAULT_RATES;

export interface AgentProfile {
  cores: number;
  baseCpuPct: number;
  baseMemPct: number;
  baseRttMs: number;
  diskBps: number;
  /** Hours added to UTC, so hosts in different regions peak at different times. */
  phaseH: number;
}

export interface AgentState {
  startedAtMs: number;
  atMs: number;
  cpuPct: number;
  memPct: number;
  rttMs: number;
  episode: Episode | null;
}

export interface Sample {
  silent: boolean;
  gateway: { reachable: boolean; healthy: boolean; rttMs: number };
  metrics: Required<HostMetrics>;
}

export type Step = { state: AgentState; sample: Sample; began: Episode | null; ended: Episode | null };

export function createProfile(random: Random): AgentProfile {
  return {
    cores: [2, 4, 8, 16][Math.floor(random() * 4)] ?? 4,
    baseCpuPct: between(random, 12, 45),
    baseMemPct: between(random, 35, 70),
    baseRttMs: between(random, 20, 80),
    diskBps: between(random, 20_000, 2_000_000),
    phaseH: between(random, -10, 10),
  };
}

export function initialState(profile: AgentProfile, nowMs: number): AgentState {
  return { startedAtMs: nowMs, atMs: nowMs, cpuPct: profile.baseCpuPct, memPct: profile.baseMemPct, rttMs: profile.baseRttMs, episode: null };
}

/** 0 at the host's quiet hour, 1 at its busiest, plus a 20-minute swell so a demo visibly moves. */
export function dailyLoad(nowMs: number, phaseH: number): number {
  const hours = nowMs / 3_600_000 + phaseH;
  const day = 0.5 - 0.5 * Math.cos((2 * Math.PI * (hours - 2)) / 24);
  const swell = 0.15 * Math.sin((2 * Math.PI * hours * 60) / 20);
  return clamp(0.85 * day + swell + 0.075, 0, 1);
}

function nextEpisode(state: AgentState, nowMs: number, dtS: number, random: Random, rates: Rates): Episode | null {
  if (nowMs - state.startedAtMs < rates.calmStartMs) return null;
  const chance = (perHour: number) => random() < 1 - Math.exp((-perHour * dtS) / 3600);
  if (chance(rates.degradedPerHour)) {
    return { kind: random() < 0.5 ? "slow" : "unhealthy", untilMs: nowMs + between(random, 60_000, 240_000) };
  }
  if (chance(rates.silentPerHour)) return { kind: "silent", untilMs: nowMs + between(random, 120_000, 300_000) };
  return null;
}

/** Advances the host to `nowMs`: a mean-reverting random walk towards the load of the hour. */
export function stepAgent(profile: AgentProfile, state: AgentState, nowMs: number, random: Random, rates: Rates = DEFAULT_RATES): Step {
  const dtS = clamp((nowMs - state.atMs) / 1000, 0, 60);
  const ended = state.episode && nowMs >= state.episode.untilMs ? state.episode : null;
  const current = ended ? null : state.episode;
  const began = current ? null : nextEpisode(state, nowMs, dtS, random, rates);
  const episode = current ?? began;
  const degraded = episode?.kind === "slow" || episode?.kind === "unhealthy";
  const load = dailyLoad(nowMs, profile.phaseH);

  const cpuTarget = degraded ? between(random, 85, 98) : profile.baseCpuPct * (0.5 + load);
  const cpuPct = clamp(state.cpuPct + 0.35 * (cpuTarget - state.cpuPct) + 3 * gauss(random), 1, 99);
  const memPct = clamp(state.memPct + 0.1 * (profile.baseMemPct + 12 * load + (degraded ? 15 : 0) - state.memPct) + gauss(random), 10, 97);
  const rttTarget = episode?.kind === "slow" ? between(random, 1200, 3500) : profile.baseRttMs;
  const rttMs = clamp(state.rttMs + 0.4 * (rttTarget - state.rttMs) + 3 * gauss(random), 5, episode?.kind === "slow" ? 6000 : 150);
  const disk = profile.diskBps * (0.3 + load) * Math.exp(0.4 * gauss(random));

  const sample: Sample = {
    silent: episode?.kind === "silent",
    gateway: { reachable: true, healthy: episode?.kind !== "unhealthy", rttMs: round(episode?.kind === "slow" ? Math.max(rttMs, 1001) : rttMs, 1) },
    metrics: {
      cpuPct: round(cpuPct, 1),
      memUsedPct: round(memPct, 1),
      memPressurePct: round(clamp(Math.max(0, memPct - 75) * 1.8 + Math.abs(gauss(random)) * 0.4, 0, 100), 2),
      diskReadBps: Math.round(disk * between(random, 0.2, 0.6)),
      diskWriteBps: Math.round(disk),
      load1: round(Math.max(0, (profile.cores * cpuPct) / 100 + 0.1 * gauss(random)), 2),
    },
  };
  return { state: { ...state, atMs: nowMs, cpuPct, memPct, rttMs, episode }, sample, began, ended };
}

/** A restarted gateway comes back healthy and quick; a silent host cannot hear the command anyway. */
export function restartGateway(profile: AgentProfile, state: AgentState): AgentState {
  if (state.episode?.kind === "silent") return state;
  return { ...state, episode: null, rttMs: profile.baseRttMs, cpuPct: Math.min(state.cpuPct, profile.baseCpuPct) };
}
