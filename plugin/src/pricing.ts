import type { LlmOutputEvent } from "./openclaw-api";

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const tokens = (value: unknown) => (typeof value === "number" && Number.isFinite(value) && value > 0 ? value : 0);

/** `models.providers.<provider>.models[]` entry's `cost` (USD per million tokens), if the gateway config has one. */
function configuredPrice(config: unknown, provider: string, model: string): Record<string, unknown> | null {
  if (!isRecord(config) || !isRecord(config.models) || !isRecord(config.models.providers)) return null;
  const entry = config.models.providers[provider];
  if (!isRecord(entry) || !Array.isArray(entry.models)) return null;
  const bare = model.startsWith(`${provider}/`) ? model.slice(provider.length + 1) : model;
  const found: unknown = entry.models.find((m: unknown) => isRecord(m) && (m.id === model || m.id === bare));
  return isRecord(found) && isRecord(found.cost) ? found.cost : null;
}

/**
 * What one `llm_output` cost in USD: its tokens at the gateway config's prices for that model,
 * else the runtime's own estimate on the last assistant message (`usage.cost.total`), else null
 * (tokens the plugin cannot price).
 */
export function priceOutput(config: unknown, event: LlmOutputEvent): number | null {
  const usage = event.usage ?? {};
  const price = configuredPrice(config, event.provider, event.model);
  if (price) {
    const per = (key: string) => tokens(price[key]) / 1_000_000;
    return tokens(usage.input) * per("input") + tokens(usage.output) * per("output") + tokens(usage.cacheRead) * per("cacheRead") + tokens(usage.cacheWrite) * per("cacheWrite");
  }
  const last = event.lastAssistant;
  const cost = isRecord(last) && isRecord(last.usage) && isRecord(last.usage.cost) ? last.usage.cost.total : undefined;
  if (typeof cost === "number" && Number.isFinite(cost) && cost >= 0) return cost;
  const any = tokens(usage.input) + tokens(usage.output) + tokens(usage.cacheRead) + tokens(usage.cacheWrite);
  return any === 0 ? 0 : null;
}
