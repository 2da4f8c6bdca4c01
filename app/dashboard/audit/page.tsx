import type { Metadata } from "next";
import Link from "next/link";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { VerifyChain } from "@/components/audit/verify-chain";
import { NoTeam, PageHeader } from "@/components/dashboard/page-header";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/roles";
import { AuditQuery } from "@/lib/schemas/audit";
import { listAudit } from "@/lib/server/audit/list";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

type Search = Record<string, string | string[] | undefined>;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { ctx } = await requirePageSession();
  if (!ctx) return <NoTeam />;
  const raw = Object.fromEntries(Object.entries(await searchParams).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  const parsed = AuditQuery.safeParse({ limit: 50, ...raw });
  const query = parsed.success ? parsed.data : AuditQuery.parse({ limit: 50 });
  const { entries, nextCursor } = await listAudit(ctx, query);
  const nextParams = new URLSearchParams({ ...raw, ...(nextCursor ? { cursor: nextCursor } : {}) });
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who did what, and when. Every change is recorded with its before and after, each entry chained to the one before by a SHA-256 hash."
        actions={can(ctx.role, "audit:verify") ? <VerifyChain /> : undefined}
      />
      <AuditFilters initial={raw} />
      {!parsed.success ? <p role="alert" className="mb-4 text-sm text-red-600">Some filters were invalid and were ignored.</p> : null}
      <Card>
        {entries.length ? <AuditTable entries={entries} /> : <EmptyState title="No matching entries">Try a wider time range or fewer filters.</EmptyState>}
        {nextCursor ? (
          <div className="mt-4 flex justify-center">
            <Button asChild variant="secondary"><Link href={`/dashboard/audit?${nextParams.toString()}`}>Older entries</Link></Button>
          </div>
        ) : null}
      </Card>
    </>
  );
}
