"use client";

import { Send, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";

/** "Send test" (reports what the receiver answered) and delete, for one channel. */
export function ChannelActions({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  async function test() {
    setBusy(true);
    try {
      const { result } = await apiFetch<{ result: { ok: boolean; status: number | null; error: string | null } }>(`/api/alerts/channels/${id}/test`, { method: "POST" });
      if (result.ok) toast.success(`Test delivered to ${name} (HTTP ${result.status})`);
      else toast.error(`Test to ${name} failed: ${result.error ?? `HTTP ${result.status}`}`);
    } catch (e) {
      toast.error(e instanceof ApiError ? e.message : "Could not send the test");
    } finally {
      setBusy(false);
    }
  }
  async function remove() {
    if (!window.confirm(`Delete the channel “${name}”? Rules stop sending to it.`)) return;
    await apiFetch(`/api/alerts/channels/${id}`, { method: "DELETE" }).then(() => router.refresh(), (e: unknown) => toast.error(e instanceof ApiError ? e.message : "Could not delete"));
  }
  return (
    <div className="flex justify-end gap-2">
      <Button size="sm" variant="secondary" onClick={() => void test()} disabled={busy}><Send aria-hidden /> {busy ? "Sending…" : "Send test"}</Button>
      <Button size="sm" variant="ghost" onClick={() => void remove()} aria-label={`Delete ${name}`}><Trash2 aria-hidden /></Button>
    </div>
  );
}
