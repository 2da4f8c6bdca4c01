"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { RelativeTime } from "@/components/dashboard/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import type { AccountSession } from "@/lib/schemas/account";

const HOUR_MS = 60 * 60 * 1000;

/** Last activity is recorded when the session's expiry slides, at most hourly: within the hour is as precise as it gets. */
function LastActive({ session, now }: { session: AccountSession; now: number }) {
  if (session.current) return <span>now</span>;
  if (now - new Date(session.lastSeenAt).getTime() < HOUR_MS) return <span title={new Date(session.lastSeenAt).toLocaleString("en")}>within the hour</span>;
  return <RelativeTime iso={session.lastSeenAt} />;
}

export function SessionList({ sessions }: { sessions: AccountSession[] }) {
  const router = useRouter();
  const [now] = useState(() => Date.now());
  async function act(action: () => Promise<unknown>, done: string) {
    try {
      await action();
      toast.success(done);
    } catch (e) {
      toast.error(e instanceof ApiError ? e.message : "Could not end the session");
    }
    router.refresh();
  }
  if (sessions.length === 0) return <EmptyState title="No active sessions">Sessions appear here when you sign in.</EmptyState>;
  const others = sessions.filter((s) => !s.current).length;
  return (
    <div className="grid gap-3">
      <Table aria-label="Sessions">
        <THead><tr><TH>Device</TH><TH>Address</TH><TH>Signed in</TH><TH>Last active</TH><TH><span className="sr-only">Actions</span></TH></tr></THead>
        <TBody>
          {sessions.map((s) => (
            <TR key={s.id}>
              <TD className="font-medium"><span title={s.userAgent}>{s.device}</span> {s.current ? <Badge tone="brand">this device</Badge> : null}</TD>
              <TD className="font-mono text-xs">{s.ip || "—"}</TD>
              <TD><RelativeTime iso={s.createdAt} /></TD>
              <TD><LastActive session={s} now={now} /></TD>
              <TD className="text-right">
                {s.current ? null : (
                  <Button variant="ghost" size="sm" aria-label={`End session on ${s.device} from ${s.ip || "an unknown address"}`} onClick={() => void act(() => apiFetch(`/api/me/sessions/${s.id}`, { method: "DELETE" }), "Session ended")}>
                    End
                  </Button>
                )}
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
      {others > 0 ? (
        <div>
          <Button variant="secondary" onClick={() => void act(() => apiFetch("/api/me/sessions", { method: "DELETE" }), "Every other session ended")}>
            End all other sessions
          </Button>
        </div>
      ) : null}
    </div>
  );
}
