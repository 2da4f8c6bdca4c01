"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { EmptyState } from "@/components/ui/empty-state";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import type { Passkey } from "@/lib/schemas/two-factor";
import { passkeyProblem, addPasskey } from "./passkey-client";
import { RecoveryCodes } from "./recovery-codes";

const day = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString(undefined, { dateStyle: "medium" }) : "Never");

/** Adds a passkey of this device (named, or after the device); the first second factor shows recovery codes. */
export function AddPasskey({ onAdded }: { onAdded?: () => void }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const [codes, setCodes] = useState<string[] | null>(null);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("name") ?? "").trim();
    setPending(true);
    setError(undefined);
    try {
      const res = await addPasskey(name || undefined);
      form.reset();
      toast.success(`Passkey “${res.passkey.name}” added`);
      if (res.recoveryCodes) setCodes(res.recoveryCodes);
      else {
        onAdded?.();
        router.refresh();
      }
    } catch (e) {
      setError(e instanceof ApiError ? (e.fieldErrors().name ?? e.message) : passkeyProblem(e));
    } finally {
      setPending(false);
    }
  }
  if (codes) return <RecoveryCodes codes={codes} onDone={() => { setCodes(null); onAdded?.(); router.refresh(); }} />;
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3" noValidate>
      <div className="min-w-56 flex-1 sm:max-w-xs">
        <Field id="passkey-name" label="Passkey name" error={error} hint="Optional; by default the browser and system.">
          {(a) => <Input {...a} name="name" maxLength={100} placeholder="Work laptop" />}
        </Field>
      </div>
      <Button type="submit" disabled={pending}>{pending ? "Waiting for your passkey…" : "Add a passkey"}</Button>
    </form>
  );
}

function PasskeyRow({ passkey }: { passkey: Passkey }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string>();
  async function rename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    try {
      await apiFetch(`/api/me/passkeys/${passkey.id}`, { method: "PATCH", body: { name } });
      setEditing(false);
      toast.success("Passkey renamed");
      router.refresh();
    } catch (e) {
      setError(e instanceof ApiError ? (e.fieldErrors().name ?? e.message) : "Could not rename the passkey");
    }
  }
  async function remove() {
    try {
      await apiFetch(`/api/me/passkeys/${passkey.id}`, { method: "DELETE" });
      toast.success(`Passkey “${passkey.name}” removed`);
      router.refresh();
    } catch (e) {
      toast.error(e instanceof ApiError ? e.message : "Could not remove the passkey");
    }
  }
  return (
    <TR>
      <TD>
        {editing ? (
          <form onSubmit={rename} className="flex items-end gap-2">
            <Field id={`rename-${passkey.id}`} label="New name" error={error}>{(a) => <Input {...a} name="name" defaultValue={passkey.name} maxLength={100} required />}</Field>
            <Button type="submit" size="sm">Save</Button>
            <Button type="button" size="sm" variant="ghost" onClick={() => setEditing(false)}>Cancel</Button>
          </form>
        ) : (
          <span className="font-medium">{passkey.name}</span>
        )}
      </TD>
      <TD className="text-slate-600 dark:text-slate-400">{day(passkey.createdAt)}</TD>
      <TD className="text-slate-600 dark:text-slate-400">{day(passkey.lastUsedAt)}</TD>
      <TD className="text-right">
        <div className="flex justify-end gap-1">
          {!editing ? <Button type="button" size="sm" variant="ghost" onClick={() => setEditing(true)} aria-label={`Rename passkey ${passkey.name}`}>Rename</Button> : null}
          <Button type="button" size="sm" variant="ghost" onClick={remove} aria-label={`Remove passkey ${passkey.name}`}>Remove</Button>
        </div>
      </TD>
    </TR>
  );
}

/** The account page's passkeys: list, rename, remove, add. */
export function PasskeyList({ passkeys }: { passkeys: Passkey[] }) {
  return (
    <div className="grid gap-4">
      {passkeys.length === 0 ? (
        <EmptyState title="No passkeys yet">A passkey signs you in with this device&apos;s fingerprint, face or PIN, with or without your password.</EmptyState>
      ) : (
        <Table aria-label="Passkeys">
          <THead><TR><TH>Name</TH><TH>Added</TH><TH>Last used</TH><TH><span className="sr-only">Actions</span></TH></TR></THead>
          <TBody>{passkeys.map((p) => <PasskeyRow key={p.id} passkey={p} />)}</TBody>
        </Table>
      )}
      <AddPasskey />
    </div>
  );
}
