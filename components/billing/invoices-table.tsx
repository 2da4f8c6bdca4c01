import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { Invoice } from "@/lib/schemas/billing";

const money = (cents: number, currency: string) => new Intl.NumberFormat("en", { style: "currency", currency: currency.toUpperCase() }).format(cents / 100);
const day = (iso: string) => new Date(iso).toLocaleDateString("en", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });

export function InvoicesTable({ invoices }: { invoices: Invoice[] | null }) {
  if (invoices === null) return <p className="text-sm text-slate-600 dark:text-slate-400">Stripe did not answer just now; invoices will show again shortly.</p>;
  if (invoices.length === 0) return <EmptyState title="No invoices yet">Invoices appear here once the team subscribes to a paid plan.</EmptyState>;
  return (
    <div className="overflow-x-auto">
      <Table>
        <THead><TR><TH>Invoice</TH><TH>Date</TH><TH>Status</TH><TH className="text-right">Amount</TH></TR></THead>
        <TBody>
          {invoices.map((i) => (
            <TR key={i.id}>
              <TD>{i.url ? <a className="text-brand-700 underline-offset-4 hover:underline dark:text-brand-400" href={i.url} target="_blank" rel="noreferrer">{i.number ?? i.id}</a> : (i.number ?? i.id)}</TD>
              <TD>{day(i.createdAt)}</TD>
              <TD className="capitalize">{i.status ?? "—"}</TD>
              <TD className="text-right tabular-nums">{money(i.amountDue, i.currency)}</TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
