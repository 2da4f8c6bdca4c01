"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";

type Props = { agentId: string; agentName: string; fromModel: string; toModel: string; toLabel: string };

/** Apply (after a confirmation: queues set_model for the agent) or dismiss (hidden for 30 days). */
export function AdviceActions({ agentId, agentName, fromModel, toModel, toLabel }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const body = { agentId, fromModel, toModel };
  const fail = (e: unknown) => toast.error(e instanceof ApiError ? e.message : "Something went wrong");
  async function apply() {
    try {
      await apiFetch("/api/advice/apply", { body });
      toast.success(`Switch to ${toLabel} queued for ${agentName}`);
      setOpen(false);
      router.push(`/dashboard/agents/${agentId}`);
    } catch (e) {
      fail(e);
    }
  }
  async function dismiss() {
    try {
      await apiFetch("/api/advice/dismiss", { body });
      toast.success("Hidden for 30 days");
      router.refresh();
    } catch (e) {
      fail(e);
    }
  }
  return (
    <div className="flex gap-2">
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogTrigger asChild><Button size="sm">Apply</Button></DialogTrigger>
        <DialogContent title={`Switch ${agentName} to ${toLabel}?`} description={`The agent's gateway is told to use ${toModel} (openclaw models set) with its next heartbeat. Its provider must have credentials on that host.`} className="max-w-md">
          <div className="flex justify-end gap-2">
            <DialogClose asChild><Button variant="secondary">Cancel</Button></DialogClose>
            <Button onClick={() => void apply()}>Switch model</Button>
          </div>
        </DialogContent>
      </Dialog>
      <Button size="sm" variant="secondary" onClick={() => void dismiss()}>Dismiss</Button>
    </div>
  );
}
