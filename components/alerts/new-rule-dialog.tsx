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
import type { Rule } from "@/lib/schemas/alerts";

export const KIND_LABELS: Record<string, { label: string; unit?: string }> = {
  agent_offline: { label: "Agent offline" },
  agent_stale: { label: "Agent stale or offline" },
  gateway_unhealthy: { label: "Gateway unhealthy (agent degraded)" },
  gateway_rtt: { label: "Gateway RTT above", unit: "ms" },
  cpu: { label: "CPU above", unit: "%" },
  memory: { label: "Memory above", unit: "%" },
  memory_pressure: { label: "Memory pressure above", unit: "%" },
  daily_spend: { label: "Spend per day above", unit: "USD" },
  custom: { label: "Custom metric above", unit: "" }, // in the metric's own unit
  policy_refusal: { label: "Tool calls refused by policy" },
};

type Option = { id: string; name: string };

/** A rule: what fires, for which scope, how severe, how often at most, and to which channels. Given `rule`, edits it. */
export function NewRuleDialog({ channels, fleets, rule }: { channels: (Option & { type: string })[]; fleets: Option[]; rule?: Rule }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<string>(rule?.kind ?? "agent_offline");
  const [scope, setScope] = useState(rule?.scope.type ?? "team");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const unit = KIND_LABELS[kind]?.unit;
  const measured = unit !== undefined;
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const body = {
      name: String(f.get("name") ?? ""),
      kind,
      threshold: measured ? Number(f.get("threshold")) : null,
      metric: kind === "custom" ? String(f.get("metric") ?? "") : null,
      forMinutes: measured && kind !== "daily_spend" ? Number(f.get("forMinutes") ?? 0) : 0,
      scope: { type: scope, value: scope === "team" ? "" : String(f.get("scopeValue") ?? "") },
      severity: String(f.get("severity") ?? "critical"),
      squelchMinutes: Number(f.get("squelchMinutes") ?? 30),
      channelIds: f.getAll("channelIds").map(String),
    };
    try {
      if (rule) await apiFetch(`/api/alerts/rules/${rule.id}`, { method: "PATCH", body });
      else await apiFetch("/api/alerts/rules", { body });
      toast.success(rule ? "Rule saved" : "Rule created");
      setOpen(false);
      setErrors({});
      router.refresh();
    } catch (e) {
      setErrors(e instanceof ApiError ? { name: e.message, ...e.fieldErrors() } : { name: "Could not create the rule" });
    }
  }
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        {rule ? <Button size="sm" variant="ghost" aria-label={`Edit ${rule.name}`}><Pencil aria-hidden /></Button> : <Button><Plus aria-hidden /> New rule</Button>}
      </DialogTrigger>
      <DialogContent title={rule ? `Edit “${rule.name}”` : "New alert rule"} className="max-w-lg">
        <form onSubmit={submit} className="grid gap-4">
          <Field id="rule-name" label="Name" error={errors.name}>{(a) => <Input {...a} name="name" required maxLength={100} placeholder="Production agents offline" defaultValue={rule?.name} />}</Field>
          <Field id="rule-kind" label="When">
            {(a) => <NativeSelect {...a} value={kind} onChange={(e) => setKind(e.target.value)}>{Object.entries(KIND_LABELS).map(([k, v]) => <option key={k} value={k}>{v.label}</option>)}</NativeSelect>}
          </Field>
          {kind === "custom" ? (
            <Field id="rule-metric" label="Metric" hint="A name a plugin on the agent reports, e.g. queue_length." error={errors.metric}>
              {(a) => <Input {...a} name="metric" required maxLength={64} placeholder="queue_length" defaultValue={rule?.metric ?? undefined} autoComplete="off" spellCheck={false} />}
            </Field>
          ) : null}
          {measured ? (
            <div className="grid grid-cols-2 gap-3">
              <Field id="rule-threshold" label={unit ? `Threshold (${unit})` : "Threshold"} error={errors.threshold}>{(a) => <Input {...a} name="threshold" type="number" min={0} step="any" required defaultValue={rule?.threshold ?? undefined} />}</Field>
              {kind !== "daily_spend" ? <Field id="rule-for" label="For (minutes)">{(a) => <Input {...a} name="forMinutes" type="number" min={0} max={1440} defaultValue={rule?.forMinutes ?? 5} />}</Field> : null}
            </div>
          ) : null}
          <div className="grid grid-cols-2 gap-3">
            <Field id="rule-scope" label="Applies to">
              {(a) => <NativeSelect {...a} value={scope} onChange={(e) => setScope(e.target.value)}><option value="team">Every agent</option><option value="fleet">A fleet</option><option value="tag">A tag</option></NativeSelect>}
            </Field>
            {scope === "fleet" ? (
              <Field id="rule-scope-value" label="Fleet" error={errors.scope}>{(a) => <NativeSelect {...a} name="scopeValue" defaultValue={rule?.scope.value}>{fleets.map((fl) => <option key={fl.id} value={fl.id}>{fl.name}</option>)}</NativeSelect>}</Field>
            ) : scope === "tag" ? (
              <Field id="rule-scope-value" label="Tag" error={errors.scope}>{(a) => <Input {...a} name="scopeValue" required placeholder="gpu" defaultValue={rule?.scope.value} />}</Field>
            ) : null}
          </div>
          <div className="grid grid-cols-2 gap-3">
            <Field id="rule-severity" label="Severity">{(a) => <NativeSelect {...a} name="severity" defaultValue={rule?.severity ?? "critical"}><option value="critical">Critical</option><option value="warning">Warning</option><option value="info">Info</option></NativeSelect>}</Field>
            <Field id="rule-squelch" label="At most once per (minutes)" hint="Per rule and agent.">{(a) => <Input {...a} name="squelchMinutes" type="number" min={0} max={10080} defaultValue={rule?.squelchMinutes ?? 30} />}</Field>
          </div>
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">Notify</legend>
            {channels.length ? channels.map((c) => (
              <div key={c.id} className="flex items-center gap-2">
                <Checkbox id={`rule-channel-${c.id}`} name="channelIds" value={c.id} defaultChecked={rule ? rule.channelIds.includes(c.id) : true} />
                <Label htmlFor={`rule-channel-${c.id}`}>{c.name} <span className="text-slate-500">({c.type})</span></Label>
              </div>
            )) : <p className="text-sm text-slate-500">No channels yet: alerts are recorded and shown here only.</p>}
          </fieldset>
          <Button type="submit">{rule ? "Save rule" : "Create rule"}</Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
