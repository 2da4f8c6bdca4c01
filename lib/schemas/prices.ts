import { z } from "zod";
import { note } from "./common";

const perMtok = z
  .number({ message: "A price in USD per million tokens" })
  .finite()
  .min(0, { message: "A price cannot be negative" })
  .max(100_000, { message: "At most 100,000 USD per million tokens" });
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "A UTC date, YYYY-MM-DD" }).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), { message: "Not a date" });
// Ids as gateways report them ("anthropic", "claude-sonnet-4@20250514", "accounts/fireworks/models/x", "llama3:8b").
const MODEL_ID = /^[a-z0-9][a-z0-9._:/@+-]*$/;
const modelId = (max: number) =>
  z.string().trim().toLowerCase().min(1, { message: "Required" }).max(max).regex(MODEL_ID, { message: "Letters, digits and . _ : / @ + - only, as the gateway reports it" });
const Provider = modelId(100);
const Model = modelId(200);
export const TIERS = ["frontier", "balanced", "fast"] as const;

export const PriceCreateInput = z.strictObject({
  provider: Provider,
  model: Model.describe("The catalogue's id for the model, or any name a gateway reports (a self-hosted model)"),
  effectiveFrom: Day.default("2000-01-01").describe("The UTC day the price takes effect; usage before keeps its earlier price"),
  inputPerMtok: perMtok,
  outputPerMtok: perMtok,
  cacheReadPerMtok: perMtok.optional().describe("Default: the input price"),
  cacheWritePerMtok: perMtok.optional().describe("Default: the input price"),
  note: note(500).optional(),
});
export type PriceCreateInput = z.infer<typeof PriceCreateInput>;

export const Price = z.object({
  id: z.string(),
  provider: z.string(),
  model: z.string(),
  effectiveFrom: z.string(),
  inputPerMtok: z.number(),
  outputPerMtok: z.number(),
  cacheReadPerMtok: z.number(),
  cacheWritePerMtok: z.number(),
  source: z.enum(["catalogue", "team"]).describe("catalogue: the maintained catalogue (@pydantic/genai-prices); team: this team's own price"),
  note: z.string().nullable(),
});
export const PriceResponse = z.object({ price: Price, repriced: z.object({ days: z.number().int() }).describe("Days of stored usage priced again") });
export const PriceListQuery = z.strictObject({ provider: Provider, model: Model });
export const PriceListResponse = z.object({ prices: z.array(Price).describe("Newest effective date first; the team's own first on the same date"), nextCursor: z.null() });

export const ModelListQuery = z.strictObject({
  q: z.string().max(200).optional(),
  provider: Provider.optional(),
  tier: z.enum(TIERS).optional(),
  used: z.enum(["1", "0"]).optional().describe("1: only models the team's agents have reported"),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const CatalogueModel = z.object({
  provider: z.string(),
  model: z.string(),
  name: z.string().nullable(),
  tier: z.string().nullable(),
  unavailable: z.boolean().describe("Marked unavailable by the team: never recommended"),
  customised: z.boolean().describe("The team changed its tier or availability"),
  price: Price.nullable().describe("In force today"),
});
export const ModelListResponse = z.object({ models: z.array(CatalogueModel), nextCursor: z.string().nullable() });
export const ModelUpdateInput = z.strictObject({
  provider: Provider,
  model: Model,
  tier: z.enum([...TIERS, "none"]).optional().describe("none: no tier (never part of savings advice)"),
  unavailable: z.boolean().optional(),
});
export const ModelResponse = z.object({ model: CatalogueModel });
export type ModelUpdateInput = z.infer<typeof ModelUpdateInput>;
