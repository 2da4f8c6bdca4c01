import type { ReactNode } from "react";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { plural, usd } from "@/lib/format";
import type { CostMoney } from "@/lib/schemas/costs";

export type MoneyRow = { key: string; label: ReactNode; money: CostMoney; testId?: string };

const count = (v: number) => Math.round(v).toLocaleString("en");

/** Calls nobody could price, always shown: a count, in amber when there are any. */
export function Unpriced({ calls }: { calls: number }) {
  return calls ? <span className="text-amber-800 dark:text-amber-300">{plural(calls, "call")}</span> : <span>0</span>;
}

/**
 * Spend in rows (per model, provider, fleet or agent): the total and its sources, reported by
 * gateways and estimated from catalogue prices, and the calls left unpriced. `compact` keeps calls, cost and unpriced.
 */
export function MoneyTable({ label, heading, rows, compact = false }: { label: string; heading: string; rows: MoneyRow[]; compact?: boolean }) {
  return (
    <Table aria-label={label}>
      <THead>
        <tr>
          <TH>{heading}</TH>
          <TH className="text-right">Calls</TH>
          {compact ? null : <><TH className="text-right">Input tokens</TH><TH className="text-right">Output tokens</TH><TH className="text-right">Reported</TH><TH className="text-right">Estimated</TH></>}
          <TH className="text-right">Unpriced</TH>
          <TH className="text-right">Cost</TH>
        </tr>
      </THead>
      <TBody>
        {rows.map(({ key, label: name, money: m, testId }) => (
          <TR key={key} data-testid={testId}>
            <TD className="max-w-72 break-words">{name}</TD>
            <TD className="text-right tabular-nums">{count(m.calls)}</TD>
            {compact ? null : (
              <>
                <TD className="text-right tabular-nums">{count(m.inputTokens)}</TD>
                <TD className="text-right tabular-nums">{count(m.outputTokens)}</TD>
                <TD className="text-right tabular-nums">{usd(m.reportedUsd)}</TD>
                <TD className="text-right tabular-nums">{usd(m.estimatedUsd)}</TD>
              </>
            )}
            <TD className="text-right tabular-nums"><Unpriced calls={m.unpricedCalls} /></TD>
            <TD className="text-right font-medium tabular-nums">{usd(m.costUsd)}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
