"use client";

import { CircleUser, LogOut, Monitor, Moon, Sun } from "lucide-react";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { setTheme } from "./theme";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";

export function UserMenu({ name, email }: { name: string; email: string }) {
  const router = useRouter();
  const initials = initialsOf(name, email);
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" className="rounded-full bg-brand-500/15 font-semibold text-brand-700 dark:text-brand-500">
          {/* The initials it shows start its name (WCAG 2.5.3, label in name). */}
          {initials}
          <span className="sr-only">, account menu</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel>
          <span className="block font-medium text-slate-900 dark:text-slate-100">{name || "Signed in"}</span>
          {email}
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => router.push("/dashboard/settings/account")}><CircleUser aria-hidden /> Account</DropdownMenuItem>
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

/** "Ada Lovelace" → "AL"; one word → its first two letters; no name → the e-mail's first two. */
export function initialsOf(name: string, email: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]].map((w) => [...(w ?? "")][0] ?? "") : [...(words[0] ?? email)].slice(0, 2);
  return letters.join("").toUpperCase();
}
