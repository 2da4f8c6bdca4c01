"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { LEVEL_LABELS } from "@/components/policies/policy-format";
import { ModelRef } from "@/lib/schemas/commands";
import type { z } from "zod";
import type { RotationPreviewResponse, RotationScope } from "@/lib/schemas/rotations";
import { plural } from "@/lib/format";

type Preview = z.infer<typeof RotationPreviewResponse>;
type Errors = Partial<Record<"backup" | "fallbacks" | "note" | "form", string>>;

const PREVIEW_DELAY_MS = 300;
const splitList = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/**
 * The kill switch's confirmation: it names the scope and how many agents it covers (as the server
 * resolves it now), the policies it will revise, and anything that would refuse it; confirming
 * sends that count back, so a scope that changed meanwhile is refused and shown again.
 */
export function RotateDialog({ scope, scopeName, count, onClose }: { scope: RotationScope; scopeName: string; count: number | null; onClose: () => void }) {
  const router = useRouter();
  const [backup, setBackup] = useState("");
  const [fallbacks, setFallbacks] = useState("");
  const [note, setNote] = useState("");
  const [checked, setChecked] = useState<{ key: string; preview: Preview } | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const model = ModelRef.safeParse(backup.trim());
  const fallbackList = splitList(fallbacks);
  const key = JSON.stringify([backup.trim(), fallbackList]);
  // Only the answer for what is typed now counts.
  const preview = checked?.key === key ? checked.preview : null;
  const setPreview = (next: Preview) => setChecked({ key, preview: next });
  const shown = preview?.agents ?? count;

  // Keyed by what is typed and the scope as text, so a render's new objects do not ask again.
  const scopeKey = JSON.stringify(scope);
  useEffect(() => {
    const [typed, list] = JSON.parse(key) as [string, string[]];
    const parsed = ModelRef.safeParse(typed);
    if (!parsed.success) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      apiFetch<Preview>("/api/rotations/preview", { body: { scope: JSON.parse(scopeKey) as RotationScope, backup: parsed.data, fallbacks: list }, signal: controller.signal }).then(
        (next) => {
          setChecked({ key, preview: next });
          setErrors((e) => ({ ...e, form: undefined }));
        },
        (e: unknown) => {
          if (!controller.signal.aborted) setErrors((prev) => ({ ...prev, form: e instanceof ApiError ? e.message : "Could not check the scope" }));
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, scopeKey]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!model.success) return setErrors({ backup: model.error.issues[0]?.message ?? "Invalid model" });
    const badFallback = fallbackList.find((f) => !ModelRef.safeParse(f).success);
    if (badFallback) return setErrors({ fallbacks: `"${badFallback}" is not provider/model` });
    if (!preview) return setErrors({ form: "Still checking the scope; try again in a moment" });
    setErrors({});
    setBusy(true);
    try {
      const { rotation } = await apiFetch<{ rotation: { id: string } }>("/api/rotations", { body: { scope, backup: model.data, fallbacks: fallbackList, note, expectedAgents: preview.agents } });
      router.push(`/dashboard/rotations/${rotation.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.code === "conflict") {
        // The scope changed since it was shown: show it as it is now and ask again.
        const fresh = await apiFetch<Preview>("/api/rotations/preview", { body: { scope, backup: model.data, fallbacks: fallbackList } }).catch(() => null);
        if (fresh) setPreview(fresh);
      }
      setErrors({ form: e instanceof ApiError ? e.message : "Could not rotate" });
      setBusy(false);
    }
  }

  const problems = preview?.problems ?? [];
  return (
    <Dialog open onOpenChange={(open) => !open && !busy && onClose()}>
      <DialogContent title={`Rotate to backup model: ${scopeName}`} description={`${shown === null ? "Its agents (counted once you name the backup model)" : plural(shown, "agent")} will switch. Each agent's gateway takes the backup as its primary model and clears sessions pinned to another model, so running conversations switch too.`} className="max-w-xl">
        <form onSubmit={(e) => void submit(e)} className="grid gap-4" noValidate>
          <Field id="rotate-backup" label="Backup model" hint="provider/model, e.g. openai/gpt-5-mini" error={errors.backup}>
            {(aria) => <Input {...aria} value={backup} onChange={(e) => setBackup(e.currentTarget.value)} autoComplete="off" required />}
          </Field>
          <Field id="rotate-fallbacks" label="Fallbacks (optional)" hint="Separated by commas; none by default" error={errors.fallbacks}>
            {(aria) => <Input {...aria} value={fallbacks} onChange={(e) => setFallbacks(e.currentTarget.value)} autoComplete="off" />}
          </Field>
          <Field id="rotate-note" label="Why (optional)" error={errors.note}>
            {(aria) => <Textarea {...aria} value={note} onChange={(e) => setNote(e.currentTarget.value)} rows={2} maxLength={500} />}
          </Field>
          {preview ? (
            <div className="grid gap-1 text-sm" data-testid="rotation-preview">
              <p>
                <strong>{plural(preview.agents, "agent")}</strong> in {preview.scopeLabel}; {plural(preview.policies.length, "policy", "policies")} revised:
              </p>
              <ul className="max-h-32 list-disc overflow-auto pl-5 text-slate-700 dark:text-slate-300">
                {preview.policies.slice(0, 20).map((p) => (
                  <li key={p.targetId}>{LEVEL_LABELS[p.level]} {p.targetName ?? ""}{p.created ? " (created)" : ""}</li>
                ))}
                {preview.policies.length > 20 ? <li>and {preview.policies.length - 20} more</li> : null}
              </ul>
            </div>
          ) : null}
          {problems.length ? (
            <div role="alert" className="text-sm text-red-700 dark:text-red-400">
              <p className="font-medium">This would contradict policies in scope:</p>
              <ul className="list-disc pl-5">{problems.slice(0, 5).map((p, i) => <li key={i}><code>{p.path}</code>: {p.message}</li>)}</ul>
            </div>
          ) : null}
          {errors.form ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">{errors.form}</p> : null}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="ghost" onClick={onClose} disabled={busy}>Cancel</Button>
            <Button type="submit" variant="danger" disabled={busy || !preview || problems.length > 0 || preview.agents === 0}>
              {busy ? "Rotating…" : `Rotate ${shown === null ? "" : `${plural(shown, "agent")} `}${model.success ? `to ${model.data}` : ""}`.trim()}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
