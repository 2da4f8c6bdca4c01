"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { plural } from "@/lib/format";
import { modelLabel } from "./cost-data";

type Target = { provider: string; model: string; input?: number; output?: number; cacheRead?: number; cacheWrite?: number };

const PRICES = [
  { name: "inputPerMtok", label: "Input", from: "input" },
  { name: "outputPerMtok", label: "Output", from: "output" },
  { name: "cacheReadPerMtok", label: "Cache read (optional)", from: "cacheRead" },
  { name: "cacheWritePerMtok", label: "Cache write (optional)", from: "cacheWrite" },
] as const;

const today = () => new Date().toISOString().slice(0, 10);

/** Sets the team's own price for a model from a day on; the API's field errors show inline. */
export function PriceDialog({ target }: { target?: Target }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const name = target ? modelLabel(target.provider, target.model) : "";

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (k: string) => String(form.get(k) ?? "").trim();
    const body: Record<string, unknown> = { provider: text("provider"), model: text("model"), effectiveFrom: text("effectiveFrom") };
    // An empty price is left out (the API names what is missing); anything else goes as typed.
    for (const p of PRICES) if (text(p.name) !== "") body[p.name] = Number(text(p.name));
    if (text("note")) body.note = text("note");
    setPending(true);
    setErrors({});
    try {
      const { repriced } = await apiFetch<{ repriced: { days: number } }>("/api/prices", { body });
      toast.success(`Price saved for ${modelLabel(String(body.provider), String(body.model))} from ${String(body.effectiveFrom)}: ${plural(repriced.days, "day")} of usage repriced.`);
      setOpen(false);
      router.refresh();
    } catch (e) {
      const fields = e instanceof ApiError ? e.fieldErrors() : {};
      setErrors(Object.keys(fields).length ? fields : { form: e instanceof ApiError ? e.message : "Could not save the price" });
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog open={open} onOpenChange={(o) => (setOpen(o), setErrors({}))}>
      <DialogTrigger asChild>
        <Button size="sm" variant={target ? "secondary" : "primary"} aria-label={target ? `Set price for ${name}` : undefined}>{target ? "Set price" : "Set a price"}</Button>
      </DialogTrigger>
      <DialogContent title={target ? `Price for ${name}` : "Set a price"} description="USD per million tokens, from the day given on. Usage before that day keeps the price it had.">
        <form onSubmit={submit} noValidate className="grid gap-3">
          <div className="grid grid-cols-2 gap-3">
            <Field id="price-provider" label="Provider" error={errors.provider}>{(a) => <Input {...a} name="provider" defaultValue={target?.provider} readOnly={Boolean(target)} required />}</Field>
            <Field id="price-model" label="Model" error={errors.model}>{(a) => <Input {...a} name="model" defaultValue={target?.model} readOnly={Boolean(target)} required />}</Field>
          </div>
          <Field id="price-from" label="Effective from (UTC day)" error={errors.effectiveFrom}>{(a) => <Input {...a} name="effectiveFrom" type="date" defaultValue={today()} required />}</Field>
          <div className="grid grid-cols-2 gap-3">
            {PRICES.map((p) => (
              <Field key={p.name} id={`price-${p.name}`} label={p.label} error={errors[p.name]}>
                {(a) => <Input {...a} name={p.name} type="number" step="any" inputMode="decimal" defaultValue={target?.[p.from]} />}
              </Field>
            ))}
          </div>
          <Field id="price-note" label="Note (optional)" error={errors.note} hint="Cache prices default to the input price.">{(a) => <Input {...a} name="note" maxLength={500} />}</Field>
          {errors.form ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">{errors.form}</p> : null}
          <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save price"}</Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
