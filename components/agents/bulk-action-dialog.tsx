"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import type { BulkAction, BulkSelection } from "@/lib/schemas/batches";
import { ModelRef } from "@/lib/schemas/commands";
import { plural } from "@/lib/format";
import { ACTION_EFFECT, ACTION_LABEL } from "./bulk-labels";
import { SNOOZE_CHOICES } from "./snooze-control";

type Values = { model: string; config: string; minutes: string; reason: string; fleetId: string };
type Errors = Partial<Record<keyof Values | "form", string>>;

/** The action's arguments from the form, or the fields' errors (the server checks them again). */
function argsOf(action: BulkAction, v: Values): { args: Record<string, unknown> } | { errors: Errors } {
  switch (action) {
    case "set_model": {
      const model = ModelRef.safeParse(v.model.trim());
      return model.success ? { args: { model: model.data } } : { errors: { model: model.error.issues[0]?.message ?? "Invalid model" } };
    }
    case "apply_config": {
      let config: unknown;
      try {
        config = JSON.parse(v.config);
      } catch {
        return { errors: { config: "Not valid JSON" } };
      }
      if (typeof config !== "object" || config === null || Array.isArray(config)) return { errors: { config: "Must be a JSON object, e.g. {\"agents\": {…}}" } };
      if (Object.keys(config).some((k) => k.length > 100)) return { errors: { config: "Keys are at most 100 characters" } };
      return { args: { config } };
    }
    case "snooze":
      return { args: { minutes: Number(v.minutes), reason: v.reason } };
    case "move":
      return v.fleetId ? { args: { fleetId: v.fleetId } } : { errors: { fleetId: "Choose a fleet" } };
    default:
      return { args: {} };
  }
}

/** Confirms a bulk action naming it and the number of agents, asks for its arguments, then opens its progress. */
export function BulkActionDialog({ action, count, selection, fleets, onClose }: {
  action: BulkAction;
  count: number;
  selection: BulkSelection;
  fleets: Array<{ id: string; name: string }>;
  onClose: () => void;
}) {
  const router = useRouter();
  const [values, setValues] = useState<Values>({ model: "", config: "{\n  \n}", minutes: String(SNOOZE_CHOICES[0].minutes), reason: "", fleetId: fleets[0]?.id ?? "" });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const set = (key: keyof Values) => (e: { currentTarget: { value: string } }) => setValues({ ...values, [key]: e.currentTarget.value });
  const what = plural(count, "agent");
  const verb = ACTION_LABEL[action];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = argsOf(action, values);
    if ("errors" in parsed) return setErrors(parsed.errors);
    setErrors({});
    setBusy(true);
    try {
      const { batch } = await apiFetch<{ batch: { id: string } }>("/api/agents/bulk", { body: { action, args: parsed.args, selection } });
      router.push(`/dashboard/batches/${batch.id}`);
    } catch (e) {
      const fields = e instanceof ApiError ? e.fieldErrors() : {};
      setErrors({ form: e instanceof ApiError ? e.message : "Could not start the bulk action", model: fields.args, config: fields.args });
      setBusy(false);
    }
  }

  return (
    <Dialog open onOpenChange={(open) => !open && !busy && onClose()}>
      <DialogContent title={`${verb}: ${what}?`} description={ACTION_EFFECT[action]} className="max-w-lg">
        <form onSubmit={(e) => void submit(e)} className="grid gap-4" noValidate>
          {action === "set_model" ? (
            <Field id="bulk-model" label="Model" hint="provider/model, e.g. anthropic/claude-sonnet-4-5" error={errors.model}>
              {(aria) => <Input {...aria} value={values.model} onChange={set("model")} autoComplete="off" required />}
            </Field>
          ) : null}
          {action === "apply_config" ? (
            <Field id="bulk-config" label="Config patch (JSON object)" hint="Objects merge into the gateway's config; null deletes a key." error={errors.config}>
              {(aria) => <Textarea {...aria} value={values.config} onChange={set("config")} rows={8} className="font-mono text-xs" spellCheck={false} />}
            </Field>
          ) : null}
          {action === "snooze" ? (
            <>
              <Field id="bulk-minutes" label="Snooze for">
                {(aria) => (
                  <NativeSelect {...aria} value={values.minutes} onChange={set("minutes")}>
                    {SNOOZE_CHOICES.map((c) => <option key={c.minutes} value={c.minutes}>{c.label}</option>)}
                  </NativeSelect>
                )}
              </Field>
              <Field id="bulk-reason" label="Reason (optional)" error={errors.reason}>
                {(aria) => <Input {...aria} value={values.reason} onChange={set("reason")} />}
              </Field>
            </>
          ) : null}
          {action === "move" ? (
            <Field id="bulk-fleet" label="Fleet" error={errors.fleetId}>
              {(aria) => (
                <NativeSelect {...aria} value={values.fleetId} onChange={set("fleetId")}>
                  {fleets.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
                </NativeSelect>
              )}
            </Field>
          ) : null}
          {errors.form ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">{errors.form}</p> : null}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="ghost" onClick={onClose} disabled={busy}>Cancel</Button>
            <Button type="submit" disabled={busy} variant={action === "restart" || action === "apply_config" ? "danger" : "primary"}>
              {busy ? "Starting…" : `${verb}: ${what}`}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
