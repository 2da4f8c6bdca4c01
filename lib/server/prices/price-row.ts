import type { z } from "zod";
import type { Price } from "@/lib/schemas/prices";

export type PriceRow = {
  id: string;
  provider: string;
  model: string;
  effective_from: string;
  input_per_mtok: string;
  output_per_mtok: string;
  cache_read_per_mtok: string;
  cache_write_per_mtok: string;
  source: "catalogue" | "team";
  note: string | null;
};

export const PRICE_COLUMNS = `id, provider, model, to_char(effective_from, 'YYYY-MM-DD') as effective_from, input_per_mtok, output_per_mtok,
  cache_read_per_mtok, cache_write_per_mtok, source, note`;

export function toPrice(r: PriceRow): z.infer<typeof Price> {
  return {
    id: r.id,
    provider: r.provider,
    model: r.model,
    effectiveFrom: r.effective_from,
    inputPerMtok: Number(r.input_per_mtok),
    outputPerMtok: Number(r.output_per_mtok),
    cacheReadPerMtok: Number(r.cache_read_per_mtok),
    cacheWritePerMtok: Number(r.cache_write_per_mtok),
    source: r.source,
    note: r.note,
  };
}
