import type { DeliveredPolicy } from "./policy-shape";

export const PLUGIN_ID = "clawfleet";
const PLUGIN = `plugins.entries.${PLUGIN_ID}`;

type Leaf = { path: string; value: unknown };

/**
 * The OpenClaw settings a policy sets, as dotted paths (verified against openclaw 2026.9.6's config
 * schema): the native ones, and the guardrails for the clawfleet plugin inside the gateway.
 */
export function policyLeaves(policy: DeliveredPolicy): Leaf[] {
  const leaves: Leaf[] = [];
  const set = (path: string, value: unknown) => value !== undefined && leaves.push({ path, value });
  set("agents.defaults.model.primary", policy.model?.primary);
  set("agents.defaults.model.fallbacks", policy.model?.fallbacks);
  set("agents.defaults.modelPolicy.allow", policy.allowedModels);
  set("tools.allow", policy.tools?.allow);
  set("tools.deny", policy.tools?.deny);
  set("tools.exec.mode", policy.execMode);
  set("agents.defaults.sandbox.mode", policy.sandboxMode);
  set(`${PLUGIN}.config.revision`, policy.version);
  set(`${PLUGIN}.config.deniedTools`, policy.tools?.deny);
  for (const [tool, cap] of Object.entries(policy.toolCallCostCapsUsd ?? {})) set(`${PLUGIN}.config.toolCallCostCapsUsd.${tool}`, cap);
  for (const [tool, price] of Object.entries(policy.toolCallPricesUsd ?? {})) set(`${PLUGIN}.config.toolCallPricesUsd.${tool}`, price);
  set(`${PLUGIN}.config.dailySpendCapUsd`, policy.dailySpendCapUsd);
  return leaves;
}

/** Whether a policy sets anything on the gateway beyond its revision. */
export function setsAnything(policy: DeliveredPolicy): boolean {
  return policyLeaves(policy).some((l) => l.path !== `${PLUGIN}.config.revision`);
}

export type PolicyPatch = { patch: Record<string, unknown>; replacePaths: string[] };

/**
 * One merge patch (objects merge, null deletes) that takes the gateway from the previous policy's
 * settings to `next`'s: what `next` sets, null for what only `previous` set, the plugin enabled
 * with its usage hook allowed. `currentModel` is the gateway's agents.defaults.model: a plain
 * string there is kept as the primary when the policy sets only fallbacks.
 */
export function policyPatch(next: DeliveredPolicy, previous: DeliveredPolicy | null, currentModel?: unknown): PolicyPatch {
  const leaves = policyLeaves(next);
  const setPaths = new Set(leaves.map((l) => l.path));
  const removed = previous ? policyLeaves(previous).filter((l) => !setPaths.has(l.path)) : [];
  const patch: Record<string, unknown> = {};
  const replacePaths: string[] = [];
  const put = (path: string, value: unknown) => {
    // Tool names inside the per-tool records may hold dots: everything after the record's key is one segment.
    const key = PER_TOOL.find((k) => path.includes(`.${k}.`));
    const at = key ? path.indexOf(`.${key}.`) + key.length + 1 : -1;
    const parts = key ? [...path.slice(0, at).split("."), path.slice(at + 1)] : path.split(".");
    let node = patch;
    for (const part of parts.slice(0, -1)) {
      const child = node[part];
      node = typeof child === "object" && child !== null && !Array.isArray(child) ? (child as Record<string, unknown>) : (node[part] = {});
    }
    node[parts.at(-1) ?? ""] = value;
    if (Array.isArray(value) || (value === null && ARRAY_PATHS.has(path))) replacePaths.push(path);
  };
  for (const leaf of leaves) put(leaf.path, leaf.value);
  for (const leaf of removed) put(leaf.path, null);
  if (typeof currentModel === "string" && currentModel && next.model && !next.model.primary) put("agents.defaults.model.primary", currentModel);
  put(`${PLUGIN}.enabled`, true);
  put(`${PLUGIN}.hooks.allowConversationAccess`, true);
  return { patch, replacePaths: [...new Set(replacePaths)].sort() };
}

const PER_TOOL = ["toolCallCostCapsUsd", "toolCallPricesUsd"];
const ARRAY_PATHS = new Set(["agents.defaults.model.fallbacks", "agents.defaults.modelPolicy.allow", "tools.allow", "tools.deny", `${PLUGIN}.config.deniedTools`]);
