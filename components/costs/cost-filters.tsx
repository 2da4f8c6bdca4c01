import { Field } from "@/components/ui/field";
import { Input, NativeSelect } from "@/components/ui/input";
import type { CostSummary } from "@/lib/schemas/costs";
import { modelLabel, type CostFilterValues } from "./cost-data";
import { UrlForm } from "./url-form";

type Options = Pick<CostSummary, "byFleet" | "byProvider" | "byModel">;

function Select({ id, name, label, value, options }: { id: string; name: string; label: string; value?: string; options: { value: string; label: string }[] }) {
  return (
    <Field id={id} label={label}>
      {(a) => (
        <NativeSelect {...a} name={name} defaultValue={value ?? ""}>
          <option value="">All</option>
          {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </NativeSelect>
      )}
    </Field>
  );
}

/** The costs page's filters, in the URL: days, fleet, provider and model (the choices come from the data). */
export function CostFilters({ values, options }: { values: CostFilterValues; options: Options }) {
  const models = [...new Map(options.byModel.map((m) => [m.model, modelLabel(m.provider, m.model)]))].map(([value, label]) => ({ value, label }));
  return (
    <UrlForm path="/dashboard/costs" label="Filter costs" className="sm:grid-cols-3 lg:grid-cols-6">
      {values.range ? <input type="hidden" name="range" value={values.range} /> : null}
      {values.agentId ? <input type="hidden" name="agentId" value={values.agentId} /> : null}
      <Field id="costs-from" label="From">{(a) => <Input {...a} name="from" type="date" defaultValue={values.from} />}</Field>
      <Field id="costs-to" label="To">{(a) => <Input {...a} name="to" type="date" defaultValue={values.to} />}</Field>
      <Select id="costs-fleet" name="fleetId" label="Fleet" value={values.fleetId} options={options.byFleet.map((f) => ({ value: f.fleetId, label: f.name ?? "Deleted fleet" }))} />
      <Select id="costs-provider" name="provider" label="Provider" value={values.provider} options={options.byProvider.filter((p) => p.provider).map((p) => ({ value: p.provider, label: p.provider }))} />
      <Select id="costs-model" name="model" label="Model" value={values.model} options={models} />
    </UrlForm>
  );
}
