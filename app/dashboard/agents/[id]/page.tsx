import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AgentLive } from "@/components/agents/agent-live";
import { NoTeam } from "@/components/dashboard/page-header";
import { AppError } from "@/lib/api/errors";
import { requirePageSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/roles";
import { getAgent } from "@/lib/server/agents/get";
import { listCommands } from "@/lib/server/commands/list";

export const metadata: Metadata = { title: "Agent" };
export const dynamic = "force-dynamic";

export default async function AgentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx } = await requirePageSession();
  if (!ctx) return <NoTeam />;
  const agent = await getAgent(ctx, id).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const commands = await listCommands(ctx, id);
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/dashboard/agents" className="text-brand-600 hover:underline dark:text-brand-500">Agents</Link> /</p>
      <AgentLive initial={agent} initialCommands={commands} canPair={can(ctx.role, "agent:pair")} canCommand={can(ctx.role, "agent:command")} />
    </>
  );
}
