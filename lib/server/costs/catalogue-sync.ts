import { createHash } from "node:crypto";
import type { Sql } from "@/lib/db/client";
import { readCatalogueSource } from "./catalogue-source";
import { repriceAround } from "./reprice";

const SOURCE_KEY = "genai-prices";

/**
 * Loads the maintained catalogue (models, names, tiers and dated prices from @pydantic/genai-prices)
 * into the database when this build carries a catalogue the database has not seen, and reprices
 * stored usage by what changed. Teams' own rows are never touched. Several instances starting
 * together load it once (an advisory lock).
 */
export async function syncPriceCatalogue(sql: Sql): Promise<{ loaded: boolean; version: string }> {
  const { models, prices } = readCatalogueSource();
  // The catalogue's own fingerprint: a new package version, or a change to the tiers, loads it again.
  const version = createHash("sha256").update(JSON.stringify([models, prices])).digest("hex").slice(0, 16);
  const [seen] = await sql<{ value: string }[]>`select value from catalogue_meta where key = ${SOURCE_KEY}`;
  if (seen?.value === version) return { loaded: false, version };
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext('openclaw-fleet.price-catalogue'))`;
    const [again] = await tx<{ value: string }[]>`select value from catalogue_meta where key = ${SOURCE_KEY}`;
    if (again?.value === version) return { loaded: false, version };
    await repriceAround(tx, {}, async () => {
      await tx`delete from model_prices where team_id is null`;
      await tx`
        insert into model_catalogue (team_id, provider, model, name, tier, match_prefixes)
        select null, x.provider, x.model, x.name, x.tier, array(select jsonb_array_elements_text(x.prefixes))
        from jsonb_to_recordset(${JSON.stringify(models)}::text::jsonb) as x(provider text, model text, name text, tier text, prefixes jsonb)
        on conflict (coalesce(team_id, '00000000-0000-0000-0000-000000000000'::uuid), provider, model)
        do update set name = excluded.name, tier = excluded.tier, match_prefixes = excluded.match_prefixes, updated_at = now()`;
      await tx`
        insert into model_prices (team_id, provider, model, effective_from, input_per_mtok, output_per_mtok, cache_read_per_mtok, cache_write_per_mtok, source)
        select null, x.provider, x.model, x."effectiveFrom", x.input, x.output, x."cacheRead", x."cacheWrite", 'catalogue'
        from jsonb_to_recordset(${JSON.stringify(prices)}::text::jsonb) as x(provider text, model text, "effectiveFrom" date, input numeric,
          output numeric, "cacheRead" numeric, "cacheWrite" numeric)`;
    });
    await tx`
      insert into catalogue_meta (key, value) values (${SOURCE_KEY}, ${version})
      on conflict (key) do update set value = excluded.value, updated_at = now()`;
    return { loaded: true, version };
  });
}
