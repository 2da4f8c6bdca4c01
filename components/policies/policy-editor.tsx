"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { PolicyIssue } from "@/lib/policies/checks";
import type { Policy, PolicyDryRunResponse } from "@/lib/schemas/policies";
import { DryRunResult } from "./dry-run-result";
import { FORM_FIELDS, fromDocument, issueOn, toDocument, validateDocument, type FormKey, type FormTexts } from "./policy-form";

type Tab = "form" | "json";

function readJsonText(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (e) {
    return { error: `Not valid JSON: ${e instanceof Error ? e.message : "parse error"}` };
  }
}

/** Edits a level's document in a form or as JSON, checked as you type; dry run, then save as a new revision. */
export function PolicyEditor({ policy, canEdit, jsonSchema }: { policy: Policy; canEdit: boolean; jsonSchema: string }) {
  const router = useRouter();
  const [tab, setTab] = useState<Tab>("form");
  const [texts, setTexts] = useState<FormTexts>(() => fromDocument(policy.document));
  const [json, setJson] = useState(() => JSON.stringify(policy.document, null, 2));
  const [note, setNote] = useState("");
  const [serverIssues, setServerIssues] = useState<PolicyIssue[]>([]);
  const [serverError, setServerError] = useState<string | null>(null);
  const [dryRun, setDryRun] = useState<PolicyDryRunResponse | null>(null);
  const [busy, setBusy] = useState(false);

  const draft = useMemo(() => (tab === "form" ? { value: toDocument(texts) } : readJsonText(json)), [tab, texts, json]);
  const checked = useMemo(() => ("value" in draft ? validateDocument(draft.value) : { document: null, issues: [] }), [draft]);
  const jsonError = "error" in draft ? draft.error : null;
  const issues = [...checked.issues, ...serverIssues];
  const valid = checked.document !== null && checked.issues.length === 0 && !jsonError;

  const edited = () => {
    setServerIssues([]);
    setServerError(null);
    setDryRun(null);
  };
  const setText = (key: FormKey, value: string) => {
    setTexts((t) => ({ ...t, [key]: value }));
    edited();
  };
  function switchTab(next: string) {
    if (next === "json") setJson(JSON.stringify(toDocument(texts), null, 2));
    if (next === "form") {
      if (!checked.document) return toast.error("Fix the JSON first: the form shows a valid document only");
      setTexts(fromDocument(checked.document));
    }
    setTab(next === "json" ? "json" : "form");
  }

  function failed(e: unknown) {
    if (e instanceof ApiError && e.code === "invalid_request" && e.details?.length) setServerIssues(e.details);
    else if (e instanceof ApiError && e.code === "conflict") setServerError("Someone saved a newer revision since you opened this page. Reload to see it, then apply your change again.");
    else setServerError(e instanceof ApiError ? e.message : "Something went wrong");
  }
  async function runDry() {
    if (!checked.document) return;
    setBusy(true);
    edited();
    try {
      setDryRun(await apiFetch<PolicyDryRunResponse>(`/api/policies/${policy.id}/dry-run`, { body: { document: checked.document } }));
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  }
  async function save() {
    if (!checked.document) return;
    setBusy(true);
    edited();
    try {
      const res = await apiFetch<{ revision: { id: number } }>(`/api/policies/${policy.id}`, { method: "PUT", body: { document: checked.document, note, baseRevision: policy.currentRevision } });
      toast.success(`Saved revision ${res.revision.id}`);
      setNote("");
      router.refresh();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Document</CardTitle>
          <CardDescription>
            {policy.currentRevision ? `Revision ${policy.currentRevision}.` : "No revision yet."} Only what this level sets is shown; the rest comes from the levels above.
          </CardDescription>
        </div>
      </CardHeader>
      <Tabs value={tab} onValueChange={switchTab}>
        <TabsList aria-label="Edit as">
          <TabsTrigger value="form">Form</TabsTrigger>
          <TabsTrigger value="json">JSON</TabsTrigger>
        </TabsList>
        <TabsContent value="form">
          <fieldset disabled={!canEdit} className="grid gap-4 md:grid-cols-2">
            <legend className="sr-only">Policy fields</legend>
            {FORM_FIELDS.map((f) => {
              const error = issues.find((i) => issueOn(f.path, i.path));
              return (
                <Field key={f.key} id={`policy-${f.key}`} label={f.label} hint={f.hint} error={error ? `${error.path}: ${error.message}` : undefined}>
                  {(a) =>
                    f.kind === "select" ? (
                      <NativeSelect {...a} value={texts[f.key]} onChange={(e) => setText(f.key, e.target.value)}>
                        <option value="">Not set here</option>
                        {f.options?.map((o) => <option key={o} value={o}>{o}</option>)}
                      </NativeSelect>
                    ) : f.kind === "caps" ? (
                      <Textarea {...a} rows={3} value={texts[f.key]} onChange={(e) => setText(f.key, e.target.value)} spellCheck={false} />
                    ) : (
                      <Input {...a} value={texts[f.key]} inputMode={f.kind === "number" ? "decimal" : undefined} onChange={(e) => setText(f.key, e.target.value)} spellCheck={false} />
                    )
                  }
                </Field>
              );
            })}
          </fieldset>
        </TabsContent>
        <TabsContent value="json">
          <Field id="policy-json" label="Policy document (JSON)" hint="Checked against the PolicyDocument schema as you type" error={jsonError ?? undefined}>
            {(a) => <Textarea {...a} rows={14} className="font-mono text-xs" value={json} readOnly={!canEdit} spellCheck={false} onChange={(e) => { setJson(e.target.value); edited(); }} />}
          </Field>
          <details className="mt-3 text-sm">
            <summary className="cursor-pointer text-brand-600 dark:text-brand-500">JSON Schema</summary>
            <pre className="mt-2 max-h-72 overflow-auto rounded-lg bg-slate-900/5 p-3 text-xs dark:bg-white/10">{jsonSchema}</pre>
          </details>
        </TabsContent>
      </Tabs>
      {issues.length ? (
        <div role="alert" className="mt-4 rounded-lg border border-red-500/30 bg-red-500/5 p-3 text-sm" data-testid="policy-issues">
          <p className="font-medium text-red-800 dark:text-red-400">{issues.length === 1 ? "1 problem" : `${issues.length} problems`}</p>
          <ul className="mt-1 list-disc pl-5">
            {issues.map((i, n) => <li key={`${n}:${i.path}`}><code>{i.path || "(document)"}</code> {i.message}</li>)}
          </ul>
        </div>
      ) : null}
      {serverError ? <p role="alert" className="mt-4 text-sm text-red-700 dark:text-red-400">{serverError}</p> : null}
      {canEdit ? (
        <div className="mt-4 grid gap-3">
          <Field id="policy-note" label="Note" hint="Why this change (shown in the history)">
            {(a) => <Textarea {...a} rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />}
          </Field>
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" disabled={!valid || busy} onClick={() => void runDry()}>Dry run</Button>
            <Button disabled={!valid || busy} onClick={() => void save()}>Save revision</Button>
          </div>
        </div>
      ) : (
        <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">Viewers read policies; maintainers and owners change them.</p>
      )}
      {dryRun ? <DryRunResult result={dryRun} /> : null}
    </Card>
  );
}
