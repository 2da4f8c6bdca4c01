"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field } from "@/components/ui/field";
import { Input, NativeSelect } from "@/components/ui/input";
import type { Role } from "@/lib/auth/roles";

const ROLE_OPTIONS: Role[] = ["viewer", "maintainer", "owner"];
const RANK: Record<Role, number> = { viewer: 0, maintainer: 1, owner: 2 };

export function InviteForm({ teamId, maxRole }: { teamId: string; maxRole: Role }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [link, setLink] = useState<string | null>(null);
  const [mailedTo, setMailedTo] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setErrors({});
    try {
      const res = await apiFetch<{ invitation: { url: string; email: string; mailed?: boolean } }>(`/api/teams/${teamId}/invitations`, {
        body: { email: String(form.get("email") ?? ""), role: String(form.get("role") ?? "viewer") },
      });
      setLink(res.invitation.url);
      setMailedTo(res.invitation.mailed ? res.invitation.email : null);
      router.refresh();
    } catch (e) {
      setErrors(e instanceof ApiError ? { email: e.message, ...e.fieldErrors() } : { email: "Could not create the invitation" });
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="grid gap-4">
      <form onSubmit={submit} className="grid gap-3 sm:grid-cols-[1fr_12rem_auto] sm:items-end">
        <Field id="invite-email" label="Email" error={errors.email}>{(a) => <Input {...a} name="email" type="email" required autoComplete="off" />}</Field>
        <Field id="invite-role" label="Role" error={errors.role}>
          {(a) => (
            <NativeSelect {...a} name="role" defaultValue="viewer">
              {ROLE_OPTIONS.filter((r) => RANK[r] <= RANK[maxRole]).map((r) => <option key={r} value={r}>{r}</option>)}
            </NativeSelect>
          )}
        </Field>
        <Button type="submit" disabled={pending}>{pending ? "Inviting…" : "Send invitation"}</Button>
      </form>
      {link ? (
        <div className="grid gap-2 rounded-xl bg-brand-500/10 p-3">
          <p className="text-sm">{mailedTo ? `The invitation was mailed to ${mailedTo}. You can also share this link; it is shown only now.` : "Share this link with them. It is shown only now."}</p>
          <div className="flex gap-2">
            <Field id="invite-link" label="Invitation link">{(a) => <Input {...a} readOnly value={link} onFocus={(e) => e.currentTarget.select()} />}</Field>
            <div className="self-end"><CopyButton value={link} /></div>
          </div>
        </div>
      ) : null}
    </div>
  );
}
