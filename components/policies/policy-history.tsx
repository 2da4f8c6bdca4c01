"use client";

import { useState } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { RelativeTime } from "@/components/dashboard/relative-time";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/input";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { ChangesTable, type Change } from "./changes-table";
import { fieldLabel } from "./policy-format";

export type HistoryEntry = { id: number; note: string; author: string; createdAt: string; changes: Change[] };

/** Every revision with who wrote it, when, why and what it changed; and a diff between any two. */
export function PolicyHistory({ policyId, revisions }: { policyId: string; revisions: HistoryEntry[] }) {
  const [from, setFrom] = useState(String(revisions[1]?.id ?? 0));
  const [to, setTo] = useState(String(revisions[0]?.id ?? 0));
  const [diff, setDiff] = useState<Change[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function compare() {
    setError(null);
    try {
      setDiff((await apiFetch<{ changes: Change[] }>(`/api/policies/${policyId}/diff?from=${from}&to=${to}`)).changes);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not compare");
    }
  }
  const options = [...revisions.map((r) => ({ value: String(r.id), label: `Revision ${r.id}` })), { value: "0", label: "Empty (before the first)" }];
  return (
    <Card className="mt-6">
      <CardHeader>
        <div>
          <CardTitle>History</CardTitle>
          <CardDescription>Revisions are never changed or deleted; clearing a level writes an empty revision.</CardDescription>
        </div>
      </CardHeader>
      {revisions.length ? (
        <>
          <Table aria-label="Revisions">
            <THead><tr><TH>Revision</TH><TH>When</TH><TH>Who</TH><TH>Note</TH><TH>Changed</TH></tr></THead>
            <TBody>
              {revisions.map((r) => (
                <TR key={r.id}>
                  <TD className="tabular-nums">{r.id}</TD>
                  <TD className="whitespace-nowrap"><RelativeTime iso={r.createdAt} /></TD>
                  <TD>{r.author}</TD>
                  <TD className="max-w-sm whitespace-pre-wrap break-words" data-testid="revision-note">{r.note || "—"}</TD>
                  <TD>{r.changes.length ? r.changes.map((c) => fieldLabel(c.field)).join(", ") : "nothing"}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
          <div className="mt-4 flex flex-wrap items-end gap-3">
            <Field id="diff-from" label="From">{(a) => <NativeSelect {...a} value={from} onChange={(e) => setFrom(e.target.value)}>{options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}</NativeSelect>}</Field>
            <Field id="diff-to" label="To">{(a) => <NativeSelect {...a} value={to} onChange={(e) => setTo(e.target.value)}>{options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}</NativeSelect>}</Field>
            <Button variant="secondary" onClick={() => void compare()}>Compare</Button>
          </div>
          {error ? <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">{error}</p> : null}
          {diff ? <div className="mt-4" data-testid="policy-diff"><ChangesTable changes={diff} label="Differences between the revisions" /></div> : null}
        </>
      ) : (
        <EmptyState title="No revisions yet">Save the document above to write the first revision.</EmptyState>
      )}
    </Card>
  );
}
