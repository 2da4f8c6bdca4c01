"use client";

import { Pencil } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { splitAddresses } from "./addresses";

/** Renames a channel, or replaces its target and secret (the old one is never shown). */
export function EditChannelDialog({ id, name, type, hint }: { id: string; name: string; type: string; hint: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const get = (k: string) => String(f.get(k) ?? "").trim();
    const target = type === "pagerduty" ? get("routingKey") : type === "email" ? get("addresses") : get("url");
    const config = !target ? undefined : type === "email" ? { addresses: splitAddresses(target) } : type === "pagerduty" ? { routingKey: target } : type === "webhook" ? { url: target, secret: get("secret") } : { url: target };
    try {
      await apiFetch(`/api/alerts/channels/${id}`, { method: "PATCH", body: { name: get("name"), ...(config ? { config } : {}) } });
      toast.success(config ? "Channel saved; its secret was replaced" : "Channel renamed");
      setOpen(false);
      router.refresh();
    } catch (e) {
      setErrors(e instanceof ApiError ? { name: e.message, ...e.fieldErrors() } : { name: "Could not save" });
    }
  }
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild><Button size="sm" variant="ghost" aria-label={`Edit ${name}`}><Pencil aria-hidden /></Button></DialogTrigger>
      <DialogContent title={`Edit “${name}”`} description={`Now sending to ${hint}. Leave the target empty to keep it.`}>
        <form onSubmit={submit} className="grid gap-4">
          <Field id={`edit-${id}-name`} label="Name" error={errors.name}>{(a) => <Input {...a} name="name" required maxLength={100} defaultValue={name} />}</Field>
          {type === "email" ? (
            <Field id={`edit-${id}-addresses`} label="New addresses" hint="Replace the whole list: one per line or separated by commas." error={errors.addresses ?? Object.entries(errors).find(([k]) => k.startsWith("addresses."))?.[1]}>
              {(a) => <Textarea {...a} name="addresses" rows={3} autoComplete="off" />}
            </Field>
          ) : type === "pagerduty" ? (
            <Field id={`edit-${id}-key`} label="New integration key" error={errors.routingKey}>{(a) => <Input {...a} name="routingKey" autoComplete="off" />}</Field>
          ) : (
            <Field id={`edit-${id}-url`} label="New webhook URL" error={errors.url}>{(a) => <Input {...a} name="url" type="url" autoComplete="off" placeholder="https://" />}</Field>
          )}
          {type === "webhook" ? <Field id={`edit-${id}-secret`} label="New signing secret" hint="Needed with a new URL." error={errors.secret}>{(a) => <Input {...a} name="secret" minLength={16} autoComplete="off" />}</Field> : null}
          <Button type="submit">Save</Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
