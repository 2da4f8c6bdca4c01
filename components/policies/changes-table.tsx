import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { fieldLabel, formatValue } from "./policy-format";

export type Change = { field: string; before: unknown; after: unknown };

/** Field by field, before and after. */
export function ChangesTable({ changes, label }: { changes: Change[]; label: string }) {
  if (changes.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No differences.</p>;
  return (
    <Table aria-label={label}>
      <THead><tr><TH>Field</TH><TH>Before</TH><TH>After</TH></tr></THead>
      <TBody>
        {changes.map((c) => (
          <TR key={c.field}>
            <TD>{fieldLabel(c.field)} <code className="text-xs text-slate-500 dark:text-slate-400">{c.field}</code></TD>
            <TD className="break-words">{formatValue(c.field, c.before)}</TD>
            <TD className="break-words font-medium">{formatValue(c.field, c.after)}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
