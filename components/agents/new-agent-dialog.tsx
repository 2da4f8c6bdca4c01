"use client";

import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, NativeSelect } from "@/components/ui/input";

export function NewAgentDialog({ fleets }: { fleets: Array<{ id: string; name: string }> }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const region = String(form.get("region") ?? "").trim();
    try {
      const res = await apiFetch<{ agent: { id: string } }>("/api/agents", {
        body: { fleetId: String(form.get("fleetId")), name: String(form.get("name") ?? ""), ...(region ? { region } : {}) },
      });
      setOpen(false);
      router.push(`/dashboard/agents/${res.agent.id}`);
    } catch (e) {
      setErrors(e instanceof ApiError ? { name: e.message, ...e.fieldErrors() } : { name: "Could not add the agent" });
    }
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild><Button><Plus aria-hidden /> New agent</Button></DialogTrigger>
      <DialogContent title="New agent" description="Then pair the host it runs on.">
        <form onSubmit={submit} className="grid gap-4">
          <Field id="agent-name" label="Name" error={errors.name}>{(a) => <Input {...a} name="name" required maxLength={100} autoFocus />}</Field>
          <Field id="agent-fleet" label="Fleet" error={errors.fleetId}>
            {(a) => <NativeSelect {...a} name="fleetId">{fleets.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}</NativeSelect>}
          </Field>
          <Field id="agent-region" label="Region" error={errors.region} hint="For example eu-west or us-east.">{(a) => <Input {...a} name="region" maxLength={64} />}</Field>
          <Button type="submit">Add agent</Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
