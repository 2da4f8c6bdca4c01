"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";

/** Deletes a budget after a confirmation; its alerts go with it. */
export function DeleteBudget({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  async function remove() {
    try {
      await apiFetch(`/api/budgets/${id}`, { method: "DELETE" });
      toast.success("Budget deleted");
      setOpen(false);
      router.refresh();
    } catch (e) {
      toast.error(e instanceof ApiError ? e.message : "Could not delete the budget");
    }
  }
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm" variant="ghost" aria-label={`Delete ${name}`}><Trash2 aria-hidden /></Button>
      </DialogTrigger>
      <DialogContent title={`Delete “${name}”?`} description="The budget and its alerts are deleted. Spend itself is kept." className="max-w-md">
        <div className="flex justify-end gap-2">
          <DialogClose asChild><Button variant="secondary">Cancel</Button></DialogClose>
          <Button variant="danger" onClick={() => void remove()}>Delete budget</Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
