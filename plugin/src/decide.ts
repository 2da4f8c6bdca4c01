import type { GuardSettings } from "./settings";

/** `exec` matches `exec`; `mcp__*` matches `mcp__github_search` (case-insensitive, as OpenClaw names tools). */
export function toolMatches(pattern: string, tool: string): boolean {
  const p = pattern.toLowerCase();
  const t = tool.toLowerCase();
  if (!p.includes("*")) return p === t;
  const re = new RegExp(`^${p.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  return re.test(t);
}

const usd = (value: number) => `$${Number(value.toPrecision(6))}`;

/** The tool's own entry, else "*". */
function entryFor(table: Record<string, number>, tool: string): { key: string; value: number } | null {
  const own = table[tool.toLowerCase()];
  if (own !== undefined) return { key: tool.toLowerCase(), value: own };
  const all = table["*"];
  return all === undefined ? null : { key: "*", value: all };
}

/**
 * Why the policy refuses a call to `tool`, or null when it may run. In order: the deny list, the
 * daily spend cap (spend counted today from the gateway's usage events), the per-call cost cap
 * (against the tool's declared price: the gateway tells a plugin no cost for a tool call).
 */
export function refusalFor(tool: string, settings: GuardSettings, spendTodayUsd: number): string | null {
  const why = (text: string) => `denied by fleet policy (revision ${settings.revision}): ${text}`;
  const denied = settings.deniedTools.find((pattern) => toolMatches(pattern, tool));
  if (denied !== undefined) return why(`tools.deny has ${denied}`);
  const daily = settings.dailySpendCapUsd;
  if (daily !== null && spendTodayUsd >= daily) return why(`today's spend ${usd(spendTodayUsd)} (UTC) has reached the daily cap of ${usd(daily)}`);
  const cap = entryFor(settings.toolCallCostCapsUsd, tool);
  const price = entryFor(settings.toolCallPricesUsd, tool);
  if (cap && price && price.value > cap.value) {
    return why(`a call to ${tool} is priced ${usd(price.value)}, over its cap of ${usd(cap.value)} (toolCallCostCapsUsd["${cap.key}"])`);
  }
  return null;
}
