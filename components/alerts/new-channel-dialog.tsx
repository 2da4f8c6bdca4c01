"use client";

import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { splitAddresses } from "./addresses";

const TYPES = { slack: "Slack (incoming webhook)", discord: "Discord (webhook)", pagerduty: "PagerDuty (Events API v2)", webhook: "Webhook (signed)", email: "E-mail" } as const;
type Type = keyof typeof TYPES;

/** Adds a channel; the URL, routing key or signing secret is stored encrypted and shown masked afterwards. */
export function NewChannelDialog({ mailEnabled }: { mailEnabled: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [type, setType] = useState<Type>("slack");
  const [errors, setErrors] = useState<Record<string, string>>({});
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const get = (k: string) => String(f.get(k) ?? "").trim();
    const config =
      type === "email" ? { addresses: splitAddresses(get("addresses")) }
      : type === "pagerduty" ? { routingKey: get("routingKey") } : type === "webhook" ? { url: get("url"), secret: get("secret") } : { url: get("url") };
    try {
      await apiFetch("/api/alerts/channels", { body: { name: get("name"), type, config } });
      toast.success("Channel added. Send a test to check it.");
      setOpen(false);
      setErrors({});
      router.refresh();
    } catch (e) {
      setErrors(e instanceof ApiError ? { name: e.message, ...e.fieldErrors() } : { name: "Could not add the channel" });
    }
  }
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild><Button><Plus aria-hidden /> New channel</Button></DialogTrigger>
      <DialogContent title="New channel" description="Where notifications go. Secrets are encrypted and never shown again in full.">
        <form onSubmit={submit} className="grid gap-4">
          <Field id="channel-name" label="Name" error={errors.name}>{(a) => <Input {...a} name="name" required maxLength={100} placeholder="#ops-alerts" />}</Field>
          <Field id="channel-type" label="Type">
            {(a) => (
              <NativeSelect {...a} value={type} onChange={(e) => setType(e.target.value as Type)}>
                {Object.entries(TYPES).map(([k, v]) => (
                  <option key={k} value={k} disabled={k === "email" && !mailEnabled}>{k === "email" && !mailEnabled ? `${v} (SMTP is not configured on this server)` : v}</option>
                ))}
              </NativeSelect>
            )}
          </Field>
          {type === "email" ? (
            <Field id="channel-addresses" label="Addresses" hint="One per line or separated by commas; up to 20." error={errors.config ?? errors.addresses ?? Object.entries(errors).find(([k]) => k.startsWith("addresses."))?.[1]}>
              {(a) => <Textarea {...a} name="addresses" required rows={3} autoComplete="off" placeholder="oncall@example.com" />}
            </Field>
          ) : type === "pagerduty" ? (
            <Field id="channel-key" label="Integration key" error={errors.config ?? errors.routingKey}>{(a) => <Input {...a} name="routingKey" required autoComplete="off" />}</Field>
          ) : (
            <Field id="channel-url" label="Webhook URL" error={errors.config ?? errors.url}>{(a) => <Input {...a} name="url" type="url" required autoComplete="off" placeholder="https://" />}</Field>
          )}
          {type === "webhook" ? (
            <Field id="channel-secret" label="Signing secret" hint="At least 16 characters; receivers verify X-OpenClaw-Fleet-Signature with it." error={errors.secret}>
              {(a) => <Input {...a} name="secret" required minLength={16} autoComplete="off" />}
            </Field>
          ) : null}
          <Button type="submit">Add channel</Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
