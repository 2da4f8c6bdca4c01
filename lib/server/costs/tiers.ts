/**
 * The catalogue's capability tiers, for savings advice: a model may be swapped for a cheaper one
 * of the same tier. A team edits a model's tier (or marks it unavailable) in its own catalogue.
 * Matched on the model's id (after any "vendor/" of a router such as OpenRouter), first match wins.
 */
const TIERS: [RegExp, string][] = [
  [/^claude-(opus-[45]|[45](-\d)?-opus)/, "frontier"],
  [/^gpt-5(\.\d+)?(-\d{4}-\d{2}-\d{2})?$|^gpt-5(\.\d+)?-(pro|codex)/, "frontier"],
  [/^o3(-pro)?($|-\d{4})|^o1($|-\d{4}|-pro)/, "frontier"],
  [/^gemini-(2\.5|3(\.\d)?)-pro/, "frontier"],
  [/^grok-4($|-0|-latest)/, "frontier"],
  [/^claude-(sonnet-[45]|[45](-\d)?-sonnet|3-7-sonnet|3-5-sonnet)/, "balanced"],
  [/^gpt-4\.1($|-\d{4})|^gpt-4o($|-\d{4})|^gpt-5(\.\d+)?-mini/, "balanced"],
  [/^o4-mini|^o3-mini/, "balanced"],
  [/^gemini-(2\.5|3(\.\d)?)-flash($|-preview|-\d)/, "balanced"],
  [/^mistral-(large|medium)|^deepseek-(chat|v3)|^grok-3($|-latest)/, "balanced"],
  [/^claude-(haiku-4|3-5-haiku|4-5-haiku|3-haiku)/, "fast"],
  [/^gpt-4\.1-(mini|nano)|^gpt-4o-mini|^gpt-5(\.\d+)?-nano/, "fast"],
  [/^gemini-(2\.0|2\.5|3(\.\d)?)-flash-lite|^gemini-2\.0-flash/, "fast"],
  [/^mistral-small|^ministral|^grok-3-mini|^llama-3\.[13]-8b/, "fast"],
];

// Audio, speech, image, embedding and search models do a different job: no tier.
const NOT_CHAT = /audio|tts|transcribe|realtime|embed|image|search|vision|ft-/;

export function tierOf(_provider: string, model: string): string | null {
  const id = model.includes("/") ? model.slice(model.lastIndexOf("/") + 1) : model;
  if (NOT_CHAT.test(id)) return null;
  return TIERS.find(([re]) => re.test(id))?.[1] ?? null;
}

export const TIER_NAMES = ["frontier", "balanced", "fast"] as const;
