"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

const FIELDS = [
  { name: "q", label: "Search", placeholder: "Any text" },
  { name: "action", label: "Action", placeholder: "fleet. or fleet.create" },
  { name: "actor", label: "Actor", placeholder: "E-mail or id" },
] as const;

/** Filters live in the URL, so a filtered view can be shared. */
export function AuditFilters({ initial }: { initial: Record<string, string> }) {
  const router = useRouter();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const params = new URLSearchParams();
    for (const [key, value] of form.entries()) {
      const text = String(value).trim();
      if (!text) continue;
      params.set(key, key === "from" || key === "to" ? new Date(text).toISOString() : text);
    }
    router.push(`/dashboard/audit?${params.toString()}`);
  }
  const local = (iso?: string) => (iso ? new Date(iso).toISOString().slice(0, 16) : undefined);
  return (
    <form onSubmit={submit} className="glass mb-4 grid gap-3 rounded-2xl p-4 sm:grid-cols-3 lg:grid-cols-6" aria-label="Filter the audit log">
      {FIELDS.map((f) => (
        <div key={f.name} className="grid gap-1">
          <Label htmlFor={`audit-${f.name}`}>{f.label}</Label>
          <Input id={`audit-${f.name}`} name={f.name} defaultValue={initial[f.name]} placeholder={f.placeholder} />
        </div>
      ))}
      <div className="grid gap-1">
        <Label htmlFor="audit-from">From</Label>
        <Input id="audit-from" name="from" type="datetime-local" defaultValue={local(initial.from)} />
      </div>
      <div className="grid gap-1">
        <Label htmlFor="audit-to">To</Label>
        <Input id="audit-to" name="to" type="datetime-local" defaultValue={local(initial.to)} />
      </div>
      <div className="flex items-end gap-2">
        <Button type="submit">Apply</Button>
        <Button type="button" variant="ghost" onClick={() => router.push("/dashboard/audit")}>Clear</Button>
      </div>
    </form>
  );
}
