import type { z } from "zod";
import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { AppError } from "@/lib/api/errors";
import { db, type Sql, type Tx } from "@/lib/db/client";
import type { CatalogueModel, ModelListQuery } from "@/lib/schemas/prices";
import { toPrice, type PriceRow } from "./price-row";

type Row = { provider: string; model: string; name: string | null; tier: string | null; unavailable: boolean; customised: boolean; price: PriceRow | null };
type Model = z.infer<typeof CatalogueModel>;

const encodeCursor = (r: { provider: string; model: string }) => Buffer.from(JSON.stringify([r.provider, r.model])).toString("base64url");
function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === "string" && typeof v[1] === "string") return [v[0], v[1]];
  } catch {}
  throw new AppError("invalid_request", "Invalid cursor");
}

/** The team's view of the catalogue: its own rows over the maintained ones, with the price in force today. */
export function modelRows(sql: Sql | Tx, teamId: string) {
  return sql`
    select m.*, (select row_to_json(p) from (
        select id, provider, model, to_char(effective_from, 'YYYY-MM-DD') as effective_from, input_per_mtok, output_per_mtok,
          cache_read_per_mtok, cache_write_per_mtok, source, note
        from model_prices where provider = m.provider and model = m.model and (team_id is null or team_id = ${teamId})
          and effective_from <= (now() at time zone 'utc')::date
        order by (team_id is not null) desc, effective_from desc limit 1) p) as price
    from (
      select distinct on (provider, model) provider, model, name, tier, unavailable, team_id is not null as customised
      from model_catalogue where team_id is null or team_id = ${teamId}
      order by provider, model, (team_id is null)
    ) m`;
}

export const toModel = (r: Row): Model => ({ ...r, price: r.price ? toPrice(r.price) : null });

/** Lists the catalogue for the team: search, provider, tier, and the models its agents have reported. */
export async function listModels(ctx: TeamContext, q: z.infer<typeof ModelListQuery>) {
  assertCan(ctx, "cost:read");
  const sql = await db();
  const teamId = ctx.team.id;
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const rows = await sql<Row[]>`
    select * from (${modelRows(sql, teamId)}) m
    where (${q.provider ?? null}::text is null or m.provider = ${q.provider ?? null}::text)
      and (${q.tier ?? null}::text is null or m.tier = ${q.tier ?? null}::text)
      and (${q.q ?? null}::text is null or strpos(lower(m.model || ' ' || coalesce(m.name, '')), lower(${q.q ?? null}::text)) > 0)
      and (${q.used ?? null}::text is distinct from '1' or exists (
        select 1 from cost_fleet_daily c where c.team_id = ${teamId} and c.provider = m.provider and left(lower(c.model), char_length(m.model)) = m.model))
      and (${after?.[0] ?? null}::text is null or (m.provider, m.model) > (${after?.[0] ?? null}::text, ${after?.[1] ?? null}::text))
    order by m.provider, m.model
    limit ${q.limit + 1}`;
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { models: page.map(toModel), nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null };
}
