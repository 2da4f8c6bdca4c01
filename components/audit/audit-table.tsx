import { RelativeTime } from "@/components/dashboard/relative-time";
import { Badge } from "@/components/ui/badge";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import type { AuditEntry } from "@/lib/schemas/audit";

function change(entry: AuditEntry): string {
  const show = (v: unknown) => (v && typeof v === "object" ? Object.entries(v).map(([k, x]) => `${k}: ${typeof x === "object" ? JSON.stringify(x) : String(x)}`).join(", ") : "");
  const before = show(entry.before);
  const after = show(entry.after);
  return before && after ? `${before} → ${after}` : after || before;
}

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <Table aria-label="Audit entries">
      <THead>
        <tr>
          <TH>When</TH>
          <TH>Who</TH>
          <TH>Action</TH>
          <TH>Change</TH>
        </tr>
      </THead>
      <TBody>
        {entries.map((e) => (
          <TR key={e.id}>
            <TD className="whitespace-nowrap text-slate-600 dark:text-slate-400"><RelativeTime iso={e.createdAt} /></TD>
            <TD className="max-w-48 truncate">{e.actor.label}</TD>
            <TD><Badge tone="brand">{e.action}</Badge></TD>
            <TD className="max-w-md truncate text-slate-600 dark:text-slate-400" title={change(e)}>{change(e) || "—"}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
