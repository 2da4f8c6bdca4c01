"use client";

import { Pencil, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { Budget } from "@/lib/schemas/budgets";

type Option = { id: string; name: string };
const parseThresholds = (v: string) => v.split(/[\s,%]+/).filter(Boolean).map(Number);

/** A monthly budget: what it covers, the amount, when to alert and whom to tell. Given `budget`, edits it (the scope stays). */
export function BudgetDialog({ channels, fleets, agents, budget }: { channels: (Option & { type: string })[]; fleets: Option[]; agents: Option[]; budget?: Budget }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [scope, setScope] = useState<string>(budget?.scope.type ?? "team");
  const [errors, setErrors] = useState<Record<string, string>>({});
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const body: Record<string, unknown> = {
      name: String(f.get("name") ?? ""),
      amountUsd: Number(f.get("amountUsd")),
      thresholds: parseThresholds(String(f.get("thresholds") ?? "")),
      forecastAlert: f.get("forecastAlert") === "on",
      severity: String(f.get("severity") ?? "warning"),
      squelchMinutes: Number(f.get("squelchMinutes") ?? 0),
      channelIds: f.getAll("channelIds").map(String),
    };
    if (!budget) body.scope = { type: scope, id: scope === "team" ? null : String(f.get("scopeId") ?? "") };
    try {
      if (budget) await apiFetch(`/api/budgets/${budget.id}`, { method: "PATCH", body });
      else await apiFetch("/api/budgets", { body });
      toast.success(budget ? "Budget saved" : "Budget created");
      setOpen(false);
      setErrors({});
      router.refresh();
    } catch (e) {
      setErrors(e instanceof ApiError ? { name: e.message, ...e.fieldErrors() } : { name: "Could not save the budget" });
    }
  }
  const targets = scope === "fleet" ? fleets : agents;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        {budget ? <Button size="sm" variant="ghost" aria-label={`Edit ${budget.name}`}><Pencil aria-hidden /></Button> : <Button><Plus aria-hidden /> New budget</Button>}
      </DialogTrigger>
      <DialogContent title={budget ? `Edit “${budget.name}”` : "New monthly budget"} className="max-w-lg">
        <form onSubmit={submit} className="grid gap-4">
          <Field id="budget-name" label="Name" error={errors.name}>{(a) => <Input {...a} name="name" required maxLength={100} placeholder="Production spend" defaultValue={budget?.name} />}</Field>
          {budget ? null : (
            <div className="grid grid-cols-2 gap-3">
              <Field id="budget-scope" label="Covers">
                {(a) => <NativeSelect {...a} value={scope} onChange={(e) => setScope(e.target.value)}><option value="team">The whole team</option><option value="fleet">A fleet</option><option value="agent">An agent</option></NativeSelect>}
              </Field>
              {scope !== "team" ? (
                <Field id="budget-scope-id" label={scope === "fleet" ? "Fleet" : "Agent"} error={errors.scope}>
                  {(a) => <NativeSelect {...a} name="scopeId" required>{targets.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}</NativeSelect>}
                </Field>
              ) : null}
            </div>
          )}
          <div className="grid grid-cols-2 gap-3">
            <Field id="budget-amount" label="Amount per month (USD)" error={errors.amountUsd}>{(a) => <Input {...a} name="amountUsd" type="number" min={0.01} max={10000000} step="0.01" required defaultValue={budget?.amountUsd} />}</Field>
            <Field id="budget-thresholds" label="Alert at (%)" hint="Comma-separated, e.g. 50, 80, 100." error={errors.thresholds}>
              {(a) => <Input {...a} name="thresholds" defaultValue={(budget?.thresholds ?? [50, 80, 100]).join(", ")} inputMode="numeric" autoComplete="off" />}
            </Field>
          </div>
          <div className="flex items-center gap-2">
            <Checkbox id="budget-forecast" name="forecastAlert" defaultChecked={budget?.forecastAlert ?? true} />
            <Label htmlFor="budget-forecast">Also alert when the forecast says the month will end over budget</Label>
          </div>
          <div className="grid grid-cols-2 gap-3">
            <Field id="budget-severity" label="Severity">{(a) => <NativeSelect {...a} name="severity" defaultValue={budget?.severity ?? "warning"}><option value="critical">Critical</option><option value="warning">Warning</option><option value="info">Info</option></NativeSelect>}</Field>
            <Field id="budget-squelch" label="At most once per (minutes)" hint="0: every alert is sent.">{(a) => <Input {...a} name="squelchMinutes" type="number" min={0} max={10080} defaultValue={budget?.squelchMinutes ?? 0} />}</Field>
          </div>
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">Notify</legend>
            {channels.length ? channels.map((c) => (
              <div key={c.id} className="flex items-center gap-2">
                <Checkbox id={`budget-channel-${c.id}`} name="channelIds" value={c.id} defaultChecked={budget ? budget.channelIds.includes(c.id) : true} />
                <Label htmlFor={`budget-channel-${c.id}`}>{c.name} <span className="text-slate-500">({c.type})</span></Label>
              </div>
            )) : <p className="text-sm text-slate-500">No channels yet: budget alerts are recorded and shown under Alerts only.</p>}
          </fieldset>
          <Button type="submit">{budget ? "Save budget" : "Create budget"}</Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
