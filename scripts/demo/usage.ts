// Token use and cost per model since the previous heartbeat, as `openclaw gateway usage-cost` reports it.
import type { UsageEntry } from "@/cli/src/heartbeat-body";
import { round } from "@/cli/src/text";
import { between, dailyLoad, type Random } from "./behaviour";

/** List prices in USD per million tokens (input, output). */
export const MODEL_PRICES: Readonly<Record<string, readonly [number, number]>> = {
  "anthropic/claude-sonnet-4-5": [3, 15],
  "anthropic/claude-haiku-4-5": [1, 5],
  "openai/gpt-5": [1.25, 10],
  "openai/gpt-5-mini": [0.25, 2],
  "google/gemini-2.5-flash": [0.3, 2.5],
};
const FALLBACK_PRICE = [1, 5] as const;

export interface ModelMix {
  /** The model most turns go to (what `openclaw models set` changes). */
  primary: string;
  /** A cheaper model for the rest (summaries, sub-agents). */
  secondary: string;
  /** Input tokens per second at the busiest hour. */
  peakTokensPerS: number;
}

export function costUsd(model: string, inputTokens: number, outputTokens: number): number {
  const [input, output] = MODEL_PRICES[model] ?? FALLBACK_PRICE;
  return round((inputTokens * input + outputTokens * output) / 1_000_000, 6);
}

/** Usage over `dtS` seconds: none while idle, otherwise mostly the primary model. */
export function drawUsage(mix: ModelMix, phaseH: number, nowMs: number, dtS: number, random: Random): UsageEntry[] {
  const load = dailyLoad(nowMs, phaseH);
  if (dtS <= 0 || random() > 0.5 + 0.45 * load) return [];
  const total = mix.peakTokensPerS * (0.2 + load) * dtS * Math.exp(0.5 * (random() - 0.5));
  const primaryShare = mix.primary === mix.secondary ? 1 : between(random, 0.65, 0.9);
  const shares: [string, number][] = [
    [mix.primary, primaryShare],
    [mix.secondary, 1 - primaryShare],
  ];
  return shares.flatMap(([model, share]) => {
    const inputTokens = Math.round(total * share);
    if (inputTokens === 0) return [];
    const outputTokens = Math.round(inputTokens * between(random, 0.12, 0.35));
    return [{ model, inputTokens, outputTokens, costUsd: costUsd(model, inputTokens, outputTokens) }];
  });
}
