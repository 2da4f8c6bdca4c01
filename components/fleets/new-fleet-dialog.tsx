"use client";

import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";

export function NewFleetDialog() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const description = String(form.get("description") ?? "");
    const body = { name: String(form.get("name") ?? ""), ...(description ? { description } : {}) };
    setPending(true);
    setErrors({});
    try {
      await apiFetch("/api/fleets", { body });
      toast.success(`Fleet “${body.name}” created`);
      setOpen(false);
      router.refresh();
    } catch (e) {
      if (e instanceof ApiError) setErrors({ name: e.message, ...e.fieldErrors() });
      else setErrors({ name: "Could not create the fleet" });
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button><Plus aria-hidden /> New fleet</Button>
      </DialogTrigger>
      <DialogContent title="New fleet" description="Name it after what its hosts have in common.">
        <form onSubmit={submit} className="grid gap-4">
          <Field id="fleet-name" label="Name" error={errors.name}>{(a) => <Input {...a} name="name" required maxLength={100} autoFocus />}</Field>
          <Field id="fleet-description" label="Description" error={errors.description}>{(a) => <Textarea {...a} name="description" maxLength={500} />}</Field>
          <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create fleet"}</Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
