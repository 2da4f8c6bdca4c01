import type { Metadata } from "next";
import Link from "next/link";
import { queryOf } from "@/components/costs/cost-data";
import { CostsNav } from "@/components/costs/costs-nav";
import { PriceDialog } from "@/components/costs/price-dialog";
import { PriceTable } from "@/components/costs/price-table";
import { UrlForm } from "@/components/costs/url-form";
import { NoTeam, PageHeader } from "@/components/dashboard/page-header";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input, NativeSelect } from "@/components/ui/input";
import { AppError } from "@/lib/api/errors";
import { requirePageSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/roles";
import { ModelListQuery, TIERS } from "@/lib/schemas/prices";
import { listModels } from "@/lib/server/prices/list-models";

export const metadata: Metadata = { title: "Model prices" };
export const dynamic = "force-dynamic";

type Search = Record<string, string | string[] | undefined>;
const KEYS = ["q", "provider", "tier", "used", "cursor"] as const;
const LIMIT = 25;

export default async function PricesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { ctx } = await requirePageSession();
  if (!ctx) return <NoTeam />;
  const search = await searchParams;
  const raw: Record<string, string> = Object.fromEntries(KEYS.flatMap((k) => (typeof search[k] === "string" && search[k] ? [[k, search[k]]] : [])));
  const parsed = ModelListQuery.safeParse({ ...raw, limit: LIMIT });
  const query = parsed.success ? parsed.data : ModelListQuery.parse({ limit: LIMIT });
  const { models, nextCursor } = await listModels(ctx, query).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "invalid_request") return listModels(ctx, { ...query, cursor: undefined });
    throw e;
  });
  const canManage = can(ctx.role, "price:manage");
  const filters = { q: query.q, provider: query.provider, tier: query.tier, used: query.used };
  return (
    <>
      <PageHeader
        title="Model prices"
        description="Prices per million tokens, used to estimate spend where a gateway did not price its calls."
        actions={canManage ? <PriceDialog /> : null}
      />
      <CostsNav />
      <p className="mb-4 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        The catalogue comes from <a className="text-brand-600 hover:underline dark:text-brand-500" href="https://github.com/pydantic/genai-prices">@pydantic/genai-prices</a>, with
        the day each of its prices took effect. A team price takes precedence from its effective date; past usage keeps the price in force on its day, so a new price
        reprices stored usage only from that date on.{canManage ? "" : " Maintainers and owners can set the team's prices and tiers."}
      </p>
      <UrlForm path="/dashboard/costs/prices" label="Search models" className="sm:grid-cols-2 lg:grid-cols-5">
        <Field id="prices-q" label="Search">{(a) => <Input {...a} name="q" defaultValue={query.q} placeholder="Model or name" />}</Field>
        <Field id="prices-provider" label="Provider">{(a) => <Input {...a} name="provider" defaultValue={query.provider} placeholder="anthropic" />}</Field>
        <Field id="prices-tier" label="Tier">
          {(a) => (
            <NativeSelect {...a} name="tier" defaultValue={query.tier ?? ""}>
              <option value="">Any</option>
              {TIERS.map((t) => <option key={t} value={t}>{t}</option>)}
            </NativeSelect>
          )}
        </Field>
        <label className="flex items-end gap-2 pb-2 text-sm font-medium text-slate-700 dark:text-slate-300">
          <Checkbox name="used" value="1" defaultChecked={query.used === "1"} /> Used by my agents
        </label>
      </UrlForm>
      {!parsed.success ? <p role="alert" className="mb-4 text-sm text-red-600 dark:text-red-400">Some filters were invalid and were ignored.</p> : null}
      <Card>
        {models.length ? <PriceTable models={models} canManage={canManage} /> : <EmptyState title="No matching models">Try another search, or clear the filters.</EmptyState>}
        <div className="mt-4 flex justify-center gap-2">
          {query.cursor ? <Button asChild variant="ghost"><Link href={`/dashboard/costs/prices${queryOf(filters)}`}>First page</Link></Button> : null}
          {nextCursor ? <Button asChild variant="secondary"><Link href={`/dashboard/costs/prices${queryOf({ ...filters, cursor: nextCursor })}`}>Next page</Link></Button> : null}
        </div>
      </Card>
    </>
  );
}
