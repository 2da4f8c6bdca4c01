// The plugin's settings (plugins.entries.clawfleet.config), written by clawfleet from the fleet
// policy. The gateway validates them against the manifest's configSchema; this reads them leniently.

export type GuardSettings = {
  revision: number;
  deniedTools: string[];
  /** Largest price of one call per tool; "*" for every tool. */
  toolCallCostCapsUsd: Record<string, number>;
  /** Declared price of one call per tool; "*" for every tool. */
  toolCallPricesUsd: Record<string, number>;
  dailySpendCapUsd: number | null;
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const finite = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

function amounts(value: unknown): Record<string, number> {
  if (!isRecord(value)) return {};
  const out: Record<string, number> = {};
  for (const [tool, amount] of Object.entries(value)) if (finite(amount) && amount >= 0) out[tool.toLowerCase()] = amount;
  return out;
}

export function readSettings(raw: unknown): GuardSettings {
  const config = isRecord(raw) ? raw : {};
  const revision = finite(config.revision) && Number.isSafeInteger(config.revision) && config.revision >= 0 ? config.revision : 0;
  const denied = Array.isArray(config.deniedTools) ? config.deniedTools.filter((t): t is string => typeof t === "string" && t.trim() !== "") : [];
  const cap = config.dailySpendCapUsd;
  return {
    revision,
    deniedTools: denied.map((t) => t.trim()),
    toolCallCostCapsUsd: amounts(config.toolCallCostCapsUsd),
    toolCallPricesUsd: amounts(config.toolCallPricesUsd),
    dailySpendCapUsd: finite(cap) && cap > 0 ? cap : null,
  };
}
