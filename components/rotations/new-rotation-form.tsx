"use client";

import { Zap } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, NativeSelect } from "@/components/ui/input";
import { Tag } from "@/lib/schemas/agents";
import type { RotationScope } from "@/lib/schemas/rotations";
import { RotateDialog } from "./rotate-dialog";

type Fleet = { id: string; name: string; agentCount: number };

/** Chooses the scope of a rotation (the whole team, a fleet, a tag), then opens the confirmation. */
export function NewRotationForm({ fleets, teamAgents }: { fleets: Fleet[]; teamAgents: number }) {
  const [type, setType] = useState<"team" | "fleet" | "tag">("team");
  const [fleetId, setFleetId] = useState(fleets[0]?.id ?? "");
  const [tag, setTag] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [chosen, setChosen] = useState<{ scope: RotationScope; name: string; count: number | null } | null>(null);

  function open(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (type === "team") return setChosen({ scope: { type: "team" }, name: "the whole team", count: teamAgents });
    if (type === "fleet") {
      const fleet = fleets.find((f) => f.id === fleetId);
      if (!fleet) return setError("Choose a fleet");
      return setChosen({ scope: { type: "fleet", fleetId: fleet.id }, name: `fleet ${fleet.name}`, count: fleet.agentCount });
    }
    const parsed = Tag.safeParse(tag);
    if (!parsed.success || parsed.data === "") return setError(parsed.success ? "Type a tag" : (parsed.error.issues[0]?.message ?? "Invalid tag"));
    setError(undefined);
    setChosen({ scope: { type: "tag", tag: parsed.data }, name: `agents tagged ${parsed.data}`, count: null });
  }

  return (
    <form onSubmit={open} className="flex flex-wrap items-end gap-3" aria-label="New rotation" noValidate>
      <Field id="rotation-scope" label="Scope">
        {(aria) => (
          <NativeSelect {...aria} value={type} onChange={(e) => setType(e.currentTarget.value as typeof type)}>
            <option value="team">The whole team</option>
            <option value="fleet" disabled={fleets.length === 0}>A fleet</option>
            <option value="tag">Agents with a tag</option>
          </NativeSelect>
        )}
      </Field>
      {type === "fleet" ? (
        <Field id="rotation-fleet" label="Fleet">
          {(aria) => (
            <NativeSelect {...aria} value={fleetId} onChange={(e) => setFleetId(e.currentTarget.value)}>
              {fleets.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
            </NativeSelect>
          )}
        </Field>
      ) : null}
      {type === "tag" ? (
        <Field id="rotation-tag" label="Tag" error={error}>
          {(aria) => <Input {...aria} value={tag} onChange={(e) => setTag(e.currentTarget.value)} autoComplete="off" />}
        </Field>
      ) : null}
      <Button type="submit" variant="danger"><Zap aria-hidden /> Rotate to backup model…</Button>
      {chosen ? <RotateDialog scope={chosen.scope} scopeName={chosen.name} count={chosen.count} onClose={() => setChosen(null)} /> : null}
    </form>
  );
}
