// Fleets and agents of the demo, created through the public API and paired as `clawfleet pair` does.
import { generateAgentKeys, type PrivateJwk } from "@/cli/src/keys";
import type { ApiSession } from "./api";
import type { ModelMix } from "./usage";
import { plural } from "@/lib/format";

export interface DemoFleetSpec {
  name: string;
  prefix: string;
  tags: string[];
  heartbeatIntervalS: number;
  graceS: number;
  models: Omit<ModelMix, "peakTokensPerS">;
}

export const DEMO_FLEETS: readonly DemoFleetSpec[] = [
  { name: "Production", prefix: "prod", tags: ["customer-facing"], heartbeatIntervalS: 5, graceS: 10, models: { primary: "anthropic/claude-sonnet-4-5", secondary: "openai/gpt-5-mini" } },
  { name: "Staging", prefix: "stg", tags: ["canary"], heartbeatIntervalS: 8, graceS: 16, models: { primary: "openai/gpt-5-mini", secondary: "anthropic/claude-haiku-4-5" } },
  { name: "Research", prefix: "lab", tags: ["experimental"], heartbeatIntervalS: 10, graceS: 20, models: { primary: "openai/gpt-5", secondary: "anthropic/claude-sonnet-4-5" } },
];
export const DEMO_REGIONS = ["us-east", "us-west", "eu-west", "eu-central", "ap-southeast", "ap-northeast", "sa-east"] as const;
/** Five in eight agents serve production, two stage, one researches. */
const FLEET_PATTERN = [0, 0, 1, 0, 2, 0, 1, 0] as const;
const DEMO_NAME = /^(prod|stg|lab)-[a-z-]+-\d{2,}$/;

export interface PlannedAgent {
  name: string;
  fleet: DemoFleetSpec;
  region: string;
  tags: string[];
  arch: "x64" | "arm64";
}

/** The same names for the same count on every run, so a rerun finds its agents again. */
export function planAgents(count: number): PlannedAgent[] {
  return Array.from({ length: count }, (_, i) => {
    const fleet = DEMO_FLEETS[FLEET_PATTERN[i % FLEET_PATTERN.length] ?? 0] ?? DEMO_FLEETS[0];
    if (!fleet) throw new Error("no demo fleets");
    const region = DEMO_REGIONS[i % DEMO_REGIONS.length] ?? "us-east";
    const number = String(Math.floor(i / DEMO_REGIONS.length) + 1).padStart(2, "0");
    const arch = i % 3 === 2 ? "arm64" : "x64";
    return { name: `${fleet.prefix}-${region}-${number}`, fleet, region, tags: [...fleet.tags, region.split("-")[0] ?? "edge", arch], arch };
  });
}

export interface PairedDemoAgent extends PlannedAgent {
  agentId: string;
  fleetId: string;
  audience: string;
  heartbeatIntervalS: number;
  privateKeyJwk: PrivateJwk;
}

type Listed = { id: string; name: string };

async function listAll<T>(api: ApiSession, path: string, key: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Record<string, unknown> = await api.request("GET", `${path}${path.includes("?") ? "&" : "?"}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    out.push(...((page[key] ?? []) as T[]));
    cursor = typeof page.nextCursor === "string" ? page.nextCursor : null;
  } while (cursor);
  return out;
}

async function inBatches<T, R>(items: readonly T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  return out;
}

/** A fresh key pair for the agent: pairing code as the person, then the code and public key as the host. */
async function pair(api: ApiSession, plan: PlannedAgent, agentId: string): Promise<PairedDemoAgent> {
  const { code } = await api.request<{ code: string }>("POST", `/api/agents/${agentId}/pairing-codes`, {});
  const keys = generateAgentKeys();
  const paired = await api.request<{ agentId: string; fleetId: string; heartbeatIntervalS: number; audience: string }>("POST", "/api/agents/pair", {
    code,
    publicKeyJwk: keys.publicKeyJwk,
    host: { hostname: plan.name, os: "linux", arch: plan.arch },
  });
  return { ...plan, ...paired, privateKeyJwk: keys.privateKeyJwk };
}

/** Creates what is missing, removes demo agents beyond `count` from earlier runs, and pairs every agent. */
export async function provisionAgents(api: ApiSession, count: number, log: (line: string) => void): Promise<PairedDemoAgent[]> {
  const fleets = new Map((await listAll<Listed>(api, "/api/fleets", "fleets")).map((f) => [f.name, f.id]));
  const existing = new Map<string, Listed & { fleetId: string }>();
  for (const spec of DEMO_FLEETS) {
    let fleetId = fleets.get(spec.name);
    if (!fleetId) fleetId = (await api.request<{ fleet: Listed }>("POST", "/api/fleets", { name: spec.name, description: `Demo: ${spec.tags.join(", ")} agents` })).fleet.id;
    fleets.set(spec.name, fleetId);
    for (const a of await listAll<Listed>(api, `/api/agents?fleetId=${fleetId}`, "agents")) existing.set(a.name, { ...a, fleetId });
  }
  const plans = planAgents(count);
  const wanted = new Set(plans.map((p) => p.name));
  const extra = [...existing.values()].filter((a) => DEMO_NAME.test(a.name) && !wanted.has(a.name));
  await inBatches(extra, 5, (a) => api.request("DELETE", `/api/agents/${a.id}`));
  if (extra.length > 0) log(`removed ${plural(extra.length, "agent")} of an earlier, larger demo`);
  const created = plans.filter((p) => !existing.has(p.name)).length;
  const agents = await inBatches(plans, 5, async (plan) => {
    const fleetId = fleets.get(plan.fleet.name) ?? "";
    const known = existing.get(plan.name);
    const body = { fleetId, name: plan.name, region: plan.region, tags: plan.tags, heartbeatIntervalS: plan.fleet.heartbeatIntervalS, graceS: plan.fleet.graceS };
    const id = known?.id ?? (await api.request<{ agent: Listed }>("POST", "/api/agents", body)).agent.id;
    return pair(api, plan, id);
  });
  log(`paired ${plural(agents.length, "agent")} in ${plural(DEMO_FLEETS.length, "fleet")} (${created} new) with fresh Ed25519 keys`);
  return agents;
}
