import { findProvider, type MatchLogic, type ModelInfo, type ModelPrice } from "@pydantic/genai-prices";
import { tierOf } from "./tiers";

/** Providers the catalogue carries, by @pydantic/genai-prices's ids (OpenClaw reports the same ones). */
const PROVIDERS = [
  "anthropic", "openai", "google", "mistral", "deepseek", "x-ai", "groq", "openrouter", "together", "fireworks", "cohere",
  "aws", "azure", "perplexity", "moonshotai", "minimax", "zai", "cerebras", "novita", "baseten", "avian", "arcee",
];

export type CatalogueModel = { provider: string; model: string; name: string | null; tier: string | null; prefixes: string[] };
export type CataloguePrice = { provider: string; model: string; effectiveFrom: string; input: number; output: number; cacheRead: number; cacheWrite: number };

/** The literal start of an anchored pattern (`^gpt-5\.6-luna-\d{4}` → `gpt-5.6-luna-`), or null. */
export function literalPrefix(regex: string): string | null {
  if (!regex.startsWith("^")) return null;
  let out = "";
  for (let i = 1; i < regex.length; i++) {
    const c = regex.charAt(i);
    if (c === "\\" && /[.\-_/:]/.test(regex.charAt(i + 1))) out += regex.charAt(++i);
    else if (/[\\.*+?[\](){}|$^]/.test(c)) break;
    else out += c;
  }
  // A character followed by ? or * may be absent: drop it.
  if (/[?*{]/.test(regex.charAt(out.length + 1))) out = out.slice(0, -1);
  return out.length >= 4 ? out.toLowerCase() : null;
}

function prefixesOf(logic: MatchLogic, out: Set<string>): Set<string> {
  if ("or" in logic) for (const l of logic.or) prefixesOf(l, out);
  else if ("and" in logic) {
    const first = logic.and[0];
    if (first) prefixesOf(first, out);
  } else if ("starts_with" in logic) out.add(logic.starts_with.toLowerCase());
  else if ("equals" in logic) out.add(logic.equals.toLowerCase());
  else if ("regex" in logic) {
    const p = literalPrefix(logic.regex);
    if (p) out.add(p);
  }
  return out;
}

const base = (v: ModelPrice[string]) => (typeof v === "number" ? v : v && typeof v === "object" && "base" in v ? v.base : undefined);

function pricesOf(provider: string, m: ModelInfo): CataloguePrice[] {
  const periods = Array.isArray(m.prices) ? m.prices : [{ prices: m.prices }];
  const out: CataloguePrice[] = [];
  for (const { constraint, prices } of periods) {
    // Off-peak hours are not tracked: the standard price stands for the whole day.
    if (constraint && constraint.type !== "start_date") continue;
    const input = base(prices.input_mtok);
    const output = base(prices.output_mtok);
    if (input === undefined && output === undefined) continue;
    const cacheRead = base(prices.cache_read_mtok) ?? input ?? 0;
    const cacheWrite = base(prices.cache_write_mtok) ?? input ?? 0;
    const effectiveFrom = constraint?.type === "start_date" ? constraint.start_date : "2000-01-01";
    out.push({ provider, model: m.id.toLowerCase(), effectiveFrom, input: input ?? 0, output: output ?? 0, cacheRead, cacheWrite });
  }
  return out;
}

/** The maintained catalogue as this build carries it. */
export function readCatalogueSource(): { models: CatalogueModel[]; prices: CataloguePrice[] } {
  const models = new Map<string, CatalogueModel>();
  const prices = new Map<string, CataloguePrice>();
  for (const id of PROVIDERS) {
    const provider = findProvider({ providerId: id });
    if (!provider || provider.id !== id) continue;
    for (const m of provider.models) {
      const model = m.id.toLowerCase();
      const key = `${id}|${model}`;
      if (models.has(key)) continue;
      const own = pricesOf(id, m);
      if (own.length === 0) continue;
      const prefixes = [...prefixesOf(m.match, new Set())];
      models.set(key, { provider: id, model, name: m.name ?? null, tier: tierOf(id, model), prefixes });
      for (const p of own) prices.set(`${key}|${p.effectiveFrom}`, p);
    }
  }
  return { models: [...models.values()], prices: [...prices.values()] };
}
