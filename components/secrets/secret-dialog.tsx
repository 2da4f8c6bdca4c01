"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";

type Target = { id: string; name: string };
type Mode = { kind: "create"; fleets: Target[]; agents: Target[] } | { kind: "rotate"; secret: { id: string; name: string; description: string } };

const VALUE_HINT = "Write-only: it is encrypted, sealed to each agent, and never shown again (only its last four characters, for values of twelve or more).";

/** Adds a secret or rotates one. The value sits in a password field only, is sent once and never kept in state or shown. */
export function SecretDialog({ mode, trigger }: { mode: Mode; trigger: ReactNode }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [scope, setScope] = useState<"team" | "fleet" | "agent">("team");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const create = mode.kind === "create";

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const text = (key: string) => String(form.get(key) ?? "");
    const value = text("value");
    setPending(true);
    setErrors({});
    try {
      if (create) {
        const targetId = scope === "team" ? undefined : text("targetId");
        await apiFetch("/api/secrets", { body: { name: text("name"), value, scope, ...(targetId ? { targetId } : {}), description: text("description") } });
        toast.success(`Secret ${text("name")} stored`);
      } else {
        await apiFetch(`/api/secrets/${mode.secret.id}`, { method: "PUT", body: { ...(value ? { value } : {}), description: text("description") } });
        toast.success(value ? `Secret ${mode.secret.name} rotated` : `Secret ${mode.secret.name} updated`);
      }
      formElement.reset();
      setOpen(false);
      router.refresh();
    } catch (e) {
      if (e instanceof ApiError) setErrors({ form: e.message, ...e.fieldErrors() });
      else setErrors({ form: "Could not save the secret" });
    } finally {
      setPending(false);
    }
  }

  const targets = create ? (scope === "fleet" ? mode.fleets : scope === "agent" ? mode.agents : []) : [];
  return (
    <Dialog open={open} onOpenChange={(next) => { setOpen(next); setErrors({}); }}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent title={create ? "Add a secret" : `Rotate ${mode.secret.name}`} description={create ? "A model provider key or an environment value for the gateways in scope." : "Agents in scope receive the new value with their next heartbeat."}>
        <form onSubmit={submit} className="grid gap-4" autoComplete="off">
          {create ? (
            <>
              <Field id="secret-name" label="Name" error={errors.name} hint="An environment variable name: A–Z first, then A–Z, 0–9 or _ (e.g. OPENAI_API_KEY).">
                {(a) => <Input {...a} name="name" required maxLength={128} autoFocus spellCheck={false} className="font-mono" />}
              </Field>
              <Field id="secret-scope" label="Applies to" error={errors.scope}>
                {(a) => (
                  <NativeSelect {...a} name="scope" value={scope} onChange={(e) => setScope(e.target.value as typeof scope)}>
                    <option value="team">The whole team</option>
                    <option value="fleet" disabled={mode.fleets.length === 0}>A fleet</option>
                    <option value="agent" disabled={mode.agents.length === 0}>One agent</option>
                  </NativeSelect>
                )}
              </Field>
              {scope !== "team" ? (
                <Field id="secret-target" label={scope === "fleet" ? "Fleet" : "Agent"} error={errors.targetId}>
                  {(a) => <NativeSelect {...a} name="targetId" required>{targets.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}</NativeSelect>}
                </Field>
              ) : null}
            </>
          ) : null}
          <Field id="secret-value" label={create ? "Value" : "New value"} error={errors.value} hint={create ? VALUE_HINT : "Leave empty to change the description only."}>
            {(a) => <Input {...a} name="value" type="password" required={create} autoComplete="new-password" spellCheck={false} autoFocus={!create} />}
          </Field>
          <Field id="secret-description" label="Description" error={errors.description}>
            {(a) => <Textarea {...a} name="description" maxLength={500} defaultValue={create ? "" : mode.secret.description} />}
          </Field>
          {errors.form ? <p role="alert" className="text-sm text-red-700 dark:text-red-400">{errors.form}</p> : null}
          <Button type="submit" disabled={pending}>{pending ? "Saving…" : create ? "Store secret" : "Save"}</Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
