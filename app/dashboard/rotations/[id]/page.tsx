import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { NoTeam, PageHeader } from "@/components/dashboard/page-header";
import { RelativeTime } from "@/components/dashboard/relative-time";
import { RotationLive } from "@/components/rotations/rotation-live";
import { AppError } from "@/lib/api/errors";
import { requirePageSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/roles";
import { getRotation } from "@/lib/server/rotations/get";
import { plural } from "@/lib/format";

export const metadata: Metadata = { title: "Model rotation" };
export const dynamic = "force-dynamic";

export default async function RotationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx } = await requirePageSession();
  if (!ctx) return <NoTeam />;
  const detail = await getRotation(ctx, id, {}).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const { rotation } = detail;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/dashboard/policies" className="text-brand-600 hover:underline dark:text-brand-500">Policies</Link> /{" "}
        <Link href="/dashboard/rotations" className="text-brand-600 hover:underline dark:text-brand-500">Model rotations</Link> /
      </p>
      <PageHeader
        title={`Rotation to ${rotation.backup}: ${plural(rotation.agentCount, "agent")}`}
        description={
          <>
            {rotation.scopeLabel}, started <RelativeTime iso={rotation.createdAt} />{rotation.createdBy ? ` by ${rotation.createdBy}` : ""}
            {rotation.fallbacks.length ? `; fallbacks ${rotation.fallbacks.join(", ")}` : "; no fallbacks"}.
            {rotation.note ? <span className="mt-1 block whitespace-pre-wrap" data-testid="rotation-note">{rotation.note}</span> : null}
          </>
        }
      />
      <RotationLive initial={detail} canRevert={can(ctx.role, "model:rotate")} />
    </>
  );
}
