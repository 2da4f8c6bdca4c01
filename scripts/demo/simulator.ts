// The demo fleet: an account, fleets and agents through the public API, then every agent sending
// signed heartbeats on its own timer. Used by `npm run demo` and by the integration tests.
import { openSession, type DemoLogin } from "./api";
import type { Random } from "./behaviour";
import { provisionAgents } from "./fleet-setup";
import { SimAgent } from "./sim-agent";
import { plural } from "@/lib/format";

export interface DemoFleetOptions {
  /** Server origin, e.g. http://127.0.0.1:3000. */
  url: string;
  /** The account the fleet belongs to; signed up on first use. */
  login: DemoLogin;
  agents: number;
  log: (line: string) => void;
  signal?: AbortSignal;
  random?: Random;
  /** How long to wait for every agent's first accepted heartbeat before answering anyway. */
  readyTimeoutMs?: number;
}

export interface DemoFleet {
  agents: readonly SimAgent[];
  /** Agents whose first heartbeat was accepted. */
  live: number;
  stop(): void;
}

/** Resolves once every agent is paired and has had a heartbeat accepted (or the wait ran out). */
export async function startDemoFleet(options: DemoFleetOptions): Promise<DemoFleet> {
  const { log, signal } = options;
  const random = options.random ?? Math.random;
  const api = await openSession(options.url, options.login);
  const paired = await provisionAgents(api, options.agents, log);
  const agents = paired.map((p) => new SimAgent({ ...p, url: api.url }, random, log));
  const stop = () => agents.forEach((a) => a.stop());
  if (signal?.aborted) stop();
  signal?.addEventListener("abort", stop, { once: true });
  // First heartbeats spread over a second, so the fleet does not beat in lockstep.
  agents.forEach((a, i) => a.start(Math.round((i / agents.length) * 1000)));

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), options.readyTimeoutMs ?? 30_000)));
  const outcome = await Promise.race([Promise.all(agents.map((a) => a.ready)), timeout]);
  clearTimeout(timer);
  const live = outcome === "timeout" ? agents.filter((a) => a.status !== null).length : outcome.filter(Boolean).length;
  if (live < agents.length && !signal?.aborted) log(`${agents.length - live} of ${plural(agents.length, "agent")} ${agents.length - live === 1 ? "has" : "have"} no accepted heartbeat yet`);
  return { agents, live, stop };
}
