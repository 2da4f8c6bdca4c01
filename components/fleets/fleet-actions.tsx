"use client";

import { MoreHorizontal, Pencil, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { plural } from "@/lib/format";

export function FleetActions({ fleet }: { fleet: { id: string; name: string; agentCount: number } }) {
  const router = useRouter();
  const [dialog, setDialog] = useState<"rename" | "delete" | null>(null);
  const [error, setError] = useState<string>();

  async function run(action: () => Promise<unknown>, done: string) {
    try {
      await action();
      toast.success(done);
      setDialog(null);
      router.refresh();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Something went wrong");
    }
  }

  const rename = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    void run(() => apiFetch(`/api/fleets/${fleet.id}`, { method: "PATCH", body: { name } }), "Fleet renamed");
  };

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon" aria-label={`Actions for ${fleet.name}`}><MoreHorizontal aria-hidden /></Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem onSelect={() => setDialog("rename")}><Pencil aria-hidden /> Rename</DropdownMenuItem>
          <DropdownMenuItem onSelect={() => setDialog("delete")} className="text-red-600 dark:text-red-400"><Trash2 aria-hidden /> Delete</DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <Dialog open={dialog === "rename"} onOpenChange={(o) => setDialog(o ? "rename" : null)}>
        <DialogContent title={`Rename ${fleet.name}`}>
          <form onSubmit={rename} className="grid gap-4">
            <Field id={`rename-${fleet.id}`} label="New name" error={error}>{(a) => <Input {...a} name="name" defaultValue={fleet.name} required maxLength={100} />}</Field>
            <Button type="submit">Save</Button>
          </form>
        </DialogContent>
      </Dialog>
      <Dialog open={dialog === "delete"} onOpenChange={(o) => setDialog(o ? "delete" : null)}>
        <DialogContent title={`Delete ${fleet.name}?`} description={fleet.agentCount === 0 ? "This deletes the fleet. It cannot be undone." : `This deletes the fleet and its ${plural(fleet.agentCount, "agent")}. It cannot be undone.`}>
          {error ? <p role="alert" className="mb-3 text-sm text-red-600">{error}</p> : null}
          <div className="flex justify-end gap-2">
            <DialogClose asChild><Button variant="secondary">Cancel</Button></DialogClose>
            <Button variant="danger" onClick={() => void run(() => apiFetch(`/api/fleets/${fleet.id}`, { method: "DELETE" }), "Fleet deleted")}>Delete fleet</Button>
          </div>
        </DialogContent>
      </Dialog>
    </>
  );
}
