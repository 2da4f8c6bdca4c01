import type { Metadata } from "next";
import { AlertsNav } from "@/components/alerts/alerts-nav";
import { ChannelActions } from "@/components/alerts/channel-actions";
import { EditChannelDialog } from "@/components/alerts/edit-channel-dialog";
import { NewChannelDialog } from "@/components/alerts/new-channel-dialog";
import { NoTeam, PageHeader } from "@/components/dashboard/page-header";
import { RelativeTime } from "@/components/dashboard/relative-time";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { requirePageSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/roles";
import { listChannels } from "@/lib/server/alerts/channel-admin";
import { mailConfigured } from "@/lib/mail/transport";

export const metadata: Metadata = { title: "Alert channels" };
export const dynamic = "force-dynamic";

const TYPE_NAMES: Record<string, string> = { slack: "Slack", discord: "Discord", pagerduty: "PagerDuty", webhook: "Signed webhook", email: "E-mail" };

export default async function ChannelsPage() {
  const { ctx } = await requirePageSession();
  if (!ctx) return <NoTeam />;
  const channels = await listChannels(ctx);
  const canManage = can(ctx.role, "alert:manage");
  return (
    <>
      <PageHeader title="Alert channels" description="Slack, Discord, PagerDuty, signed webhooks and e-mail. Secrets are encrypted at rest and shown masked." actions={canManage ? <NewChannelDialog mailEnabled={mailConfigured()} /> : null} />
      <AlertsNav />
      <Card>
        {channels.length ? (
          <Table aria-label="Alert channels">
            <THead><tr><TH>Name</TH><TH>Type</TH><TH>Target</TH><TH>Added</TH>{canManage ? <TH><span className="sr-only">Actions</span></TH> : null}</tr></THead>
            <TBody>
              {channels.map((c) => (
                <TR key={c.id}>
                  <TD className="font-medium">{c.name}</TD>
                  <TD>{TYPE_NAMES[c.type] ?? c.type}</TD>
                  <TD className="font-mono text-xs">{c.configHint}</TD>
                  <TD><RelativeTime iso={c.createdAt} /></TD>
                  {canManage ? <TD><div className="flex justify-end gap-1"><EditChannelDialog id={c.id} name={c.name} type={c.type} hint={c.configHint} /><ChannelActions id={c.id} name={c.name} /></div></TD> : null}
                </TR>
              ))}
            </TBody>
          </Table>
        ) : (
          <EmptyState title="No channels yet">Add one, send a test, then name it in a rule.</EmptyState>
        )}
      </Card>
    </>
  );
}
