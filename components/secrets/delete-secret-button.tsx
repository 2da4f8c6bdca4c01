"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";

/** Deletes a secret after a confirmation naming it; agents in scope drop it with their next heartbeat. */
export function DeleteSecretButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  async function remove() {
    setPending(true);
    try {
      await apiFetch(`/api/secrets/${id}`, { method: "DELETE" });
      toast.success(`Secret ${name} deleted`);
      router.refresh();
    } catch (e) {
      toast.error(e instanceof ApiError ? e.message : "Could not delete the secret");
    } finally {
      setPending(false);
    }
  }
  return (
    <Dialog>
      <DialogTrigger asChild><Button size="sm" variant="secondary" aria-label={`Delete ${name}`}>Delete</Button></DialogTrigger>
      <DialogContent title={`Delete ${name}?`} description="Its value is erased here, and every agent in scope removes it from its gateway with its next heartbeat.">
        <div className="flex justify-end gap-2">
          <DialogClose asChild><Button variant="secondary">Cancel</Button></DialogClose>
          <DialogClose asChild><Button variant="danger" disabled={pending} onClick={() => void remove()}>Delete secret</Button></DialogClose>
        </div>
      </DialogContent>
    </Dialog>
  );
}
