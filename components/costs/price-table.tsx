import { Badge } from "@/components/ui/badge";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { usd } from "@/lib/format";
import type { CatalogueModel } from "@/lib/schemas/prices";
import type { z } from "zod";
import { modelLabel } from "./cost-data";
import { AvailabilityToggle, TierSelect } from "./model-actions";
import { PriceHistory } from "./price-history";
import { PriceDialog } from "./price-dialog";

type Model = z.infer<typeof CatalogueModel>;

// Prices are USD per million tokens; the right-aligned columns are figures.
// The day prices without a start date carry (the catalogue's undated prices, the API's default).
const UNDATED = "2000-01-01";
const COLUMNS = [["Model", false], ["Tier", false], ["Input", true], ["Output", true], ["Cache read", true], ["Cache write", true], ["Price from", false]] as const;

/** The catalogue as the team sees it: tier, availability, today's price per million tokens and where it comes from. */
export function PriceTable({ models, canManage }: { models: Model[]; canManage: boolean }) {
  return (
    <Table aria-label="Models and their prices">
      <THead>
        <tr>
          {COLUMNS.map(([name, right]) => <TH key={name} className={right ? "text-right" : undefined}>{name}</TH>)}
          <TH><span className="sr-only">Actions</span></TH>
        </tr>
      </THead>
      <TBody>
        {models.map((m) => {
          const p = m.price;
          const name = modelLabel(m.provider, m.model);
          return (
            <TR key={name} data-testid={`price-${name}`}>
              <TD className="max-w-64 break-words">
                {m.name ? <span className="block font-medium">{m.name}</span> : null}
                <span className="font-mono text-xs">{name}</span>{" "}
                {m.unavailable ? <Badge tone="warning">unavailable</Badge> : null}
              </TD>
              <TD>
                {canManage ? (
                  <div className="grid justify-items-start gap-1">
                    <TierSelect provider={m.provider} model={m.model} tier={m.tier} />
                    <AvailabilityToggle provider={m.provider} model={m.model} unavailable={m.unavailable} />
                  </div>
                ) : m.tier ? <Badge tone="neutral">{m.tier}</Badge> : <span className="text-slate-600 dark:text-slate-400">—</span>}
              </TD>
              {p ? (
                <>
                  <TD className="text-right tabular-nums">{usd(p.inputPerMtok)}</TD>
                  <TD className="text-right tabular-nums">{usd(p.outputPerMtok)}</TD>
                  <TD className="text-right tabular-nums">{usd(p.cacheReadPerMtok)}</TD>
                  <TD className="text-right tabular-nums">{usd(p.cacheWritePerMtok)}</TD>
                  <TD className="whitespace-nowrap">
                    <Badge tone={p.source === "team" ? "brand" : "neutral"}>{p.source === "team" ? "team" : "catalogue"}</Badge>{" "}
                    {p.effectiveFrom > UNDATED ? <span className="text-xs text-slate-600 dark:text-slate-400">since {p.effectiveFrom}</span> : null}
                  </TD>
                </>
              ) : (
                <TD colSpan={5} className="text-slate-600 dark:text-slate-400">No price: its usage counts as unpriced calls.</TD>
              )}
              <TD>
                <div className="flex items-center justify-end gap-1 whitespace-nowrap">
                  <PriceHistory provider={m.provider} model={m.model} canManage={canManage} />
                  {canManage ? <PriceDialog target={{ provider: m.provider, model: m.model, input: p?.inputPerMtok, output: p?.outputPerMtok, cacheRead: p?.cacheReadPerMtok, cacheWrite: p?.cacheWritePerMtok }} /> : null}
                </div>
              </TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
