"use client";

import { LogOut, Monitor, Moon, Sun } from "lucide-react";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { setTheme } from "./theme";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";

export function UserMenu({ name, email }: { name: string; email: string }) {
  const router = useRouter();
  const initials = (name || email).slice(0, 2).toUpperCase();
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" aria-label="Account menu" className="rounded-full bg-brand-500/15 font-semibold text-brand-700 dark:text-brand-500">
          {initials}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel>
          <span className="block font-medium text-slate-900 dark:text-slate-100">{name || "Signed in"}</span>
          {email}
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => setTheme("light")}><Sun aria-hidden /> Light theme</DropdownMenuItem>
        <DropdownMenuItem onSelect={() => setTheme("dark")}><Moon aria-hidden /> Dark theme</DropdownMenuItem>
        <DropdownMenuItem onSelect={() => setTheme("system")}><Monitor aria-hidden /> System theme</DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem
          onSelect={async () => {
            await apiFetch("/api/auth/logout", { method: "POST" }).catch(() => {});
            router.push("/login");
            router.refresh();
          }}
        >
          <LogOut aria-hidden /> Log out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
