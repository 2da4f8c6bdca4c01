import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BatchProgress } from "@/components/agents/batch-progress";
import { describeBatch } from "@/components/agents/bulk-labels";
import { RelativeTime } from "@/components/dashboard/relative-time";
import { NoTeam, PageHeader } from "@/components/dashboard/page-header";
import { AppError } from "@/lib/api/errors";
import { requirePageSession } from "@/lib/auth/page-session";
import { getBatch } from "@/lib/server/batches/get";
import { getFleet } from "@/lib/server/fleets/get";
import { plural } from "@/lib/format";

export const metadata: Metadata = { title: "Bulk action" };
export const dynamic = "force-dynamic";

export default async function BatchPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx } = await requirePageSession();
  if (!ctx) return <NoTeam />;
  const page = await getBatch(ctx, id, { limit: 100 }).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const { batch } = page;
  const filter = batch.selection.filter ?? {};
  const fleetName = filter.fleetId ? await getFleet(ctx, filter.fleetId).then((f) => f.name, () => "(deleted)") : "";
  const words = Object.entries(filter).map(([k, v]) => (k === "fleetId" ? `fleet ${fleetName}` : k === "q" ? `search “${v}”` : `${k} ${v}`));
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/dashboard/agents" className="text-brand-600 hover:underline dark:text-brand-500">Agents</Link> /{" "}
        <Link href="/dashboard/batches" className="text-brand-600 hover:underline dark:text-brand-500">Bulk actions</Link> /
      </p>
      <PageHeader
        title={`${describeBatch(batch)}: ${plural(batch.total, "agent")}`}
        description={
          <>
            Started <RelativeTime iso={batch.createdAt} />{batch.createdBy ? ` by ${batch.createdBy}` : ""}
            {batch.selection.kind === "filter" ? `, on every agent matching ${words.join(", ") || "no filter (all agents)"}` : ", on the agents ticked"}.
          </>
        }
      />
      <BatchProgress initial={page} />
    </>
  );
}
