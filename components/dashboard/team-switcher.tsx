"use client";

import { Check, ChevronsUpDown, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { CreateTeamDialog } from "./create-team-dialog";

type TeamItem = { id: string; name: string; role: string };

export function TeamSwitcher({ teams, activeTeamId }: { teams: TeamItem[]; activeTeamId: string | null }) {
  const router = useRouter();
  const [creating, setCreating] = useState(false);
  const active = teams.find((t) => t.id === activeTeamId);

  async function switchTo(teamId: string) {
    try {
      await apiFetch("/api/me/active-team", { body: { teamId } });
      router.refresh();
    } catch (e) {
      toast.error(e instanceof ApiError ? e.message : "Could not switch team");
    }
  }

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="secondary" className="max-w-64 justify-between">
            {/* Named by what it shows first (WCAG 2.5.3, label in name), then what it does. */}
            <span className="truncate">{active?.name ?? "No team"}</span>
            <span className="sr-only">, switch team</span>
            <ChevronsUpDown aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent>
          <DropdownMenuLabel>Teams</DropdownMenuLabel>
          {teams.map((team) => (
            <DropdownMenuItem key={team.id} onSelect={() => void switchTo(team.id)}>
              <Check aria-hidden className={team.id === activeTeamId ? "opacity-100" : "opacity-0"} />
              <span className="flex-1 truncate">{team.name}</span>
              <span className="text-xs text-slate-500">{team.role}</span>
            </DropdownMenuItem>
          ))}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setCreating(true)}>
            <Plus aria-hidden /> Create team
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <CreateTeamDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
