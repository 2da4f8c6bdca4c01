import type { Metadata } from "next";
import Link from "next/link";
import { describeBatch } from "@/components/agents/bulk-labels";
import { RelativeTime } from "@/components/dashboard/relative-time";
import { NoTeam, PageHeader } from "@/components/dashboard/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { requirePageSession } from "@/lib/auth/page-session";
import { BatchListQuery } from "@/lib/schemas/batches";
import { listBatches } from "@/lib/server/batches/list";

export const metadata: Metadata = { title: "Bulk actions" };
export const dynamic = "force-dynamic";

export default async function BatchesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { ctx } = await requirePageSession();
  if (!ctx) return <NoTeam />;
  const { cursor } = await searchParams;
  const parsed = BatchListQuery.safeParse({ limit: 50, cursor: typeof cursor === "string" ? cursor : undefined });
  const { batches, nextCursor } = await listBatches(ctx, parsed.success ? parsed.data : BatchListQuery.parse({ limit: 50 }));
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/dashboard/agents" className="text-brand-600 hover:underline dark:text-brand-500">Agents</Link> /</p>
      <PageHeader title="Bulk actions" description="Actions applied to many agents at once, newest first. Tick agents in the agents list to start one." />
      <Card>
        {batches.length ? (
          <Table aria-label="Bulk actions">
            <THead>
              <tr><TH>Action</TH><TH>Agents</TH><TH>Progress</TH><TH>By</TH><TH>Started</TH></tr>
            </THead>
            <TBody>
              {batches.map((b) => (
                <TR key={b.id}>
                  <TD className="font-medium"><Link href={`/dashboard/batches/${b.id}`} className="hover:underline">{describeBatch(b)}</Link></TD>
                  <TD className="tabular-nums">{b.total.toLocaleString("en")}</TD>
                  <TD>
                    <span className="flex flex-wrap gap-1">
                      <Badge tone="success">{b.counts.done.toLocaleString("en")} done</Badge>
                      {b.counts.pending ? <Badge tone="brand">{b.counts.pending.toLocaleString("en")} pending</Badge> : null}
                      {b.counts.failed ? <Badge tone="danger">{b.counts.failed.toLocaleString("en")} failed</Badge> : null}
                      {b.counts.expired ? <Badge tone="warning">{b.counts.expired.toLocaleString("en")} expired</Badge> : null}
                    </span>
                  </TD>
                  <TD>{b.createdBy ?? "—"}</TD>
                  <TD className="whitespace-nowrap"><RelativeTime iso={b.createdAt} /></TD>
                </TR>
              ))}
            </TBody>
          </Table>
        ) : (
          <EmptyState title="No bulk actions yet" action={<Button asChild variant="secondary"><Link href="/dashboard/agents">Go to agents</Link></Button>}>
            Tick agents in the agents list (Shift for a range, or every agent a filter matches), then choose an action.
          </EmptyState>
        )}
        {nextCursor ? (
          <nav aria-label="Pages" className="mt-4 flex justify-center">
            <Button asChild variant="secondary"><Link href={`/dashboard/batches?cursor=${nextCursor}`}>Older</Link></Button>
          </nav>
        ) : null}
      </Card>
    </>
  );
}
