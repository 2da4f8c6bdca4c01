"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { plural } from "@/lib/format";

export function RenameTeam({ teamId, name, disabled }: { teamId: string; name: string; disabled: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("name") ?? "");
    try {
      await apiFetch(`/api/teams/${teamId}`, { method: "PATCH", body: { name: value } });
      setError(undefined);
      toast.success("Team renamed");
      router.refresh();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not rename the team");
    }
  }
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
      <div className="min-w-64 flex-1">
        <Field id="team-rename" label="Team name" error={error} hint={disabled ? "Only owners can rename the team." : undefined}>
          {(a) => <Input {...a} name="name" defaultValue={name} disabled={disabled} maxLength={100} required />}
        </Field>
      </div>
      <Button type="submit" disabled={disabled}>Save</Button>
    </form>
  );
}

export function RetentionForm({ teamId, days, disabled }: { teamId: string; days: number; disabled: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = Number(new FormData(event.currentTarget).get("days"));
    try {
      await apiFetch(`/api/teams/${teamId}`, { method: "PATCH", body: { heartbeatRetentionDays: value } });
      setError(undefined);
      toast.success(`History is now kept for ${plural(value, "day")}`);
      router.refresh();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not save");
    }
  }
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
      <div className="w-48">
        <Field id="team-retention" label="Days kept" error={error} hint={disabled ? "Only owners can change this." : "1 to 400; 30 by default."}>
          {(a) => <Input {...a} name="days" type="number" min={1} max={400} defaultValue={days} disabled={disabled} required />}
        </Field>
      </div>
      <Button type="submit" disabled={disabled}>Save</Button>
    </form>
  );
}

export function DeleteTeam({ teamId, name }: { teamId: string; name: string }) {
  const router = useRouter();
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string>();
  return (
    <div className="flex flex-wrap items-end gap-3">
      <div className="min-w-64 flex-1">
        <Field id="team-delete" label={`Type “${name}” to confirm`} error={error}>
          {(a) => <Input {...a} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />}
        </Field>
      </div>
      <Button
        variant="danger"
        disabled={typed !== name}
        onClick={async () => {
          try {
            await apiFetch(`/api/teams/${teamId}`, { method: "DELETE" });
            toast.success(`Team “${name}” deleted`);
            router.push("/dashboard");
            router.refresh();
          } catch (e) {
            setError(e instanceof ApiError ? e.message : "Could not delete the team");
          }
        }}
      >
        Delete team
      </Button>
    </div>
  );
}
