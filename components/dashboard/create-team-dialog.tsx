"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export function CreateTeamDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    setPending(true);
    try {
      await apiFetch("/api/teams", { body: { name } });
      toast.success(`Team “${name}” created`);
      onOpenChange(false);
      router.refresh();
    } catch (e) {
      setError(e instanceof ApiError ? (e.fieldErrors().name ?? e.message) : "Could not create the team");
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title="Create a team" description="You will be its owner and can invite others.">
        <form onSubmit={submit} className="grid gap-4">
          <Field id="team-name" label="Team name" error={error}>{(a) => <Input {...a} name="name" required maxLength={100} autoFocus />}</Field>
          <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create team"}</Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
