"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field } from "@/components/ui/field";
import { Input, NativeSelect } from "@/components/ui/input";
import type { Role } from "@/lib/auth/roles";

const RANK: Record<Role, number> = { viewer: 0, maintainer: 1, owner: 2 };

export function NewTokenForm({ maxRole }: { maxRole: Role }) {
  const router = useRouter();
  const [secret, setSecret] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const days = String(form.get("expires") ?? "");
    try {
      const res = await apiFetch<{ token: string }>("/api/tokens", {
        body: { name: String(form.get("name") ?? ""), role: String(form.get("role") ?? maxRole), ...(days ? { expiresInDays: Number(days) } : {}) },
      });
      setSecret(res.token);
      setErrors({});
      router.refresh();
    } catch (e) {
      setErrors(e instanceof ApiError ? { name: e.message, ...e.fieldErrors() } : { name: "Could not create the token" });
    }
  }

  return (
    <div className="grid gap-4">
      <form onSubmit={submit} className="grid gap-3 sm:grid-cols-[1fr_10rem_10rem_auto] sm:items-end">
        <Field id="token-name" label="Token name" error={errors.name}>{(a) => <Input {...a} name="name" placeholder="deploy script" required maxLength={100} />}</Field>
        <Field id="token-role" label="Token role">
          {(a) => (
            <NativeSelect {...a} name="role" defaultValue={maxRole}>
              {(["viewer", "maintainer", "owner"] as Role[]).filter((r) => RANK[r] <= RANK[maxRole]).map((r) => <option key={r}>{r}</option>)}
            </NativeSelect>
          )}
        </Field>
        <Field id="token-expires" label="Expires">
          {(a) => (
            <NativeSelect {...a} name="expires" defaultValue="90">
              <option value="30">in 30 days</option>
              <option value="90">in 90 days</option>
              <option value="365">in a year</option>
              <option value="">never</option>
            </NativeSelect>
          )}
        </Field>
        <Button type="submit">Create token</Button>
      </form>
      {secret ? (
        <div className="grid gap-2 rounded-xl bg-amber-500/10 p-3" role="status">
          <p className="text-sm font-medium">Copy this token now: it will not be shown again.</p>
          <div className="flex gap-2">
            <Input readOnly value={secret} aria-label="New API token" className="font-mono" onFocus={(e) => e.currentTarget.select()} />
            <CopyButton value={secret} />
          </div>
        </div>
      ) : null}
    </div>
  );
}
