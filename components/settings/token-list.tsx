"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { RelativeTime } from "@/components/dashboard/relative-time";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import type { ApiToken } from "@/lib/schemas/tokens";

export function TokenList({ tokens }: { tokens: ApiToken[] }) {
  const router = useRouter();
  if (tokens.length === 0) return <EmptyState title="No tokens yet">Create one above for a script or the CLI.</EmptyState>;
  return (
    <Table aria-label="API tokens">
      <THead><tr><TH>Name</TH><TH>Token</TH><TH>Role</TH><TH>Last used</TH><TH>Expires</TH><TH><span className="sr-only">Actions</span></TH></tr></THead>
      <TBody>
        {tokens.map((t) => (
          <TR key={t.id}>
            <TD className="font-medium">{t.name}</TD>
            <TD className="font-mono text-xs">{t.prefix}…</TD>
            <TD>{t.role}</TD>
            <TD><RelativeTime iso={t.lastUsedAt} /></TD>
            <TD>{t.expiresAt ? <RelativeTime iso={t.expiresAt} deadline /> : "never"}</TD>
            <TD className="text-right">
              <Button
                variant="ghost"
                size="sm"
                onClick={async () => {
                  try {
                    await apiFetch(`/api/tokens/${t.id}`, { method: "DELETE" });
                    toast.success(`Token “${t.name}” revoked`);
                    router.refresh();
                  } catch (e) {
                    toast.error(e instanceof ApiError ? e.message : "Could not revoke");
                  }
                }}
              >
                Revoke
              </Button>
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
