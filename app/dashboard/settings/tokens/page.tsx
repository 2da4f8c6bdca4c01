import type { Metadata } from "next";
import { NoTeam, PageHeader } from "@/components/dashboard/page-header";
import { TokenList } from "@/components/settings/token-list";
import { NewTokenForm } from "@/components/settings/new-token-form";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePageSession } from "@/lib/auth/page-session";
import { listTokens } from "@/lib/server/tokens/list";

export const metadata: Metadata = { title: "API tokens" };
export const dynamic = "force-dynamic";

export default async function TokensPage() {
  const { ctx } = await requirePageSession();
  if (!ctx) return <NoTeam />;
  const tokens = await listTokens(ctx);
  return (
    <>
      <PageHeader title="API tokens" description={`Personal tokens for scripts and the CLI. Each acts as you, in ${ctx.team.name} only, with at most the role you give it.`} />
      <div className="grid gap-6">
        <Card>
          <CardHeader><div><CardTitle>New token</CardTitle><CardDescription>Send it as <code>Authorization: Bearer …</code>.</CardDescription></div></CardHeader>
          <NewTokenForm maxRole={ctx.role} />
        </Card>
        <Card>
          <CardHeader><CardTitle>Your tokens</CardTitle></CardHeader>
          <TokenList tokens={tokens} />
        </Card>
      </div>
    </>
  );
}
