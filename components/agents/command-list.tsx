import { RelativeTime } from "@/components/dashboard/relative-time";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import type { Command } from "@/lib/schemas/commands";

const TONE = { pending: "brand", delivered: "brand", done: "success", failed: "danger", expired: "neutral" } as const;

export function CommandList({ commands }: { commands: Command[] }) {
  if (commands.length === 0) return <EmptyState title="No commands sent yet" />;
  return (
    <Table aria-label="Commands">
      <THead><tr><TH>Command</TH><TH>Status</TH><TH>Sent</TH><TH>Result</TH></tr></THead>
      <TBody>
        {commands.map((c) => (
          <TR key={c.id}>
            <TD className="font-mono text-xs">{c.type}{Object.keys(c.args).length ? ` ${JSON.stringify(c.args)}` : ""}</TD>
            <TD><Badge tone={TONE[c.status]}>{c.status}</Badge></TD>
            <TD><RelativeTime iso={c.createdAt} /></TD>
            <TD className="text-slate-600 dark:text-slate-400">{c.resultMessage ?? "—"}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
