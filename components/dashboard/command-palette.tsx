"use client";

import { Bell, Boxes, CircleDollarSign, CircleUser, KeyRound, LayoutDashboard, LogOut, Monitor, Moon, ScrollText, Search, Server, Settings, Sun, Users } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { StatusBadge } from "@/components/agents/status-badge";
import { Button } from "@/components/ui/button";
import { Command, CommandEmpty, CommandGroup, CommandInput, CommandItem, CommandList } from "@/components/ui/command";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import type { SearchResults } from "@/lib/schemas/search";
import { setTheme } from "./theme";
import { plural } from "@/lib/format";

const PAGES = [
  { href: "/dashboard", label: "Overview", icon: LayoutDashboard },
  { href: "/dashboard/fleets", label: "Fleets", icon: Boxes },
  { href: "/dashboard/agents", label: "Agents", icon: Server },
  { href: "/dashboard/agents?status=offline", label: "Offline agents", icon: Server },
  { href: "/dashboard/alerts", label: "Alerts", icon: Bell },
  { href: "/dashboard/alerts/rules", label: "Alert rules", icon: Bell },
  { href: "/dashboard/alerts/channels", label: "Alert channels", icon: Bell },
  { href: "/dashboard/costs", label: "Costs", icon: CircleDollarSign },
  { href: "/dashboard/costs/prices", label: "Model prices", icon: CircleDollarSign },
  { href: "/dashboard/audit", label: "Audit log", icon: ScrollText },
  { href: "/dashboard/settings/team", label: "Team settings", icon: Settings },
  { href: "/dashboard/settings/members", label: "Members", icon: Users },
  { href: "/dashboard/settings/tokens", label: "API tokens", icon: KeyRound },
  { href: "/dashboard/settings/account", label: "Account", icon: CircleUser },
];

const matches = (text: string, q: string) => text.toLowerCase().includes(q.trim().toLowerCase());

/** Cmd+K / Ctrl+K: find agents and fleets by name, tag or region, jump to pages, run actions. */
export function CommandPalette() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<SearchResults | null>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() === "k" && (e.metaKey || e.ctrlKey)) {
        e.preventDefault();
        setOpen((o) => !o);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  useEffect(() => {
    const q = query.trim();
    if (!q) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      apiFetch<{ results: SearchResults }>(`/api/search?q=${encodeURIComponent(q)}`, { signal: controller.signal })
        .then((r) => setResults(r.results), () => {});
    }, 120);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);
  const found = query.trim() ? results : null;
  const run = (action: () => void) => {
    setOpen(false);
    setQuery("");
    action();
  };
  const go = (href: string) => run(() => router.push(href));
  const actions = [
    { label: "Light theme", icon: Sun, run: () => setTheme("light") },
    { label: "Dark theme", icon: Moon, run: () => setTheme("dark") },
    { label: "System theme", icon: Monitor, run: () => setTheme("system") },
    { label: "Log out", icon: LogOut, run: () => void apiFetch("/api/auth/logout", { method: "POST" }).finally(() => router.push("/login")) },
  ].filter((a) => matches(a.label, query));
  const pages = PAGES.filter((p) => matches(p.label, query));
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)} className="hidden font-normal text-slate-600 sm:inline-flex dark:text-slate-300" aria-keyshortcuts="Meta+K Control+K">
        <Search aria-hidden /> Search…
        <kbd className="rounded border border-slate-900/10 px-1.5 font-sans text-xs text-slate-500 dark:border-white/15">Ctrl K</kbd>
      </Button>
      <DialogContent title="Search and commands" className="max-w-lg p-0 [&>h2]:sr-only [&>div]:mt-0" aria-describedby={undefined}>
        <Command shouldFilter={false} label="Search and commands">
          <CommandInput value={query} onValueChange={setQuery} placeholder="Agents, fleets, tags, regions, pages…" aria-label="Search" />
          <CommandList>
            <CommandEmpty>{query ? "Nothing matches." : "Type to search."}</CommandEmpty>
            {found?.agents.length ? (
              <CommandGroup heading="Agents">
                {found.agents.map((a) => (
                  <CommandItem key={a.id} value={`agent-${a.id}`} onSelect={() => go(`/dashboard/agents/${a.id}`)}>
                    <Server aria-hidden />
                    <span className="min-w-0 flex-1 truncate">{a.name}</span>
                    <span className="text-xs text-slate-500">{[a.region, ...a.tags].filter(Boolean).join(" · ")}</span>
                    <StatusBadge status={a.status} />
                  </CommandItem>
                ))}
              </CommandGroup>
            ) : null}
            {found?.fleets.length ? (
              <CommandGroup heading="Fleets">
                {found.fleets.map((f) => (
                  <CommandItem key={f.id} value={`fleet-${f.id}`} onSelect={() => go(`/dashboard/fleets/${f.id}`)}>
                    <Boxes aria-hidden /> <span className="flex-1">{f.name}</span>
                    <span className="text-xs text-slate-500">{plural(f.agentCount, "agent")}</span>
                  </CommandItem>
                ))}
              </CommandGroup>
            ) : null}
            {pages.length ? (
              <CommandGroup heading="Pages">
                {pages.map(({ href, label, icon: Icon }) => (
                  <CommandItem key={href} value={`page-${href}`} onSelect={() => go(href)}><Icon aria-hidden /> {label}</CommandItem>
                ))}
              </CommandGroup>
            ) : null}
            {actions.length ? (
              <CommandGroup heading="Actions">
                {actions.map(({ label, icon: Icon, run: act }) => (
                  <CommandItem key={label} value={`action-${label}`} onSelect={() => run(act)}><Icon aria-hidden /> {label}</CommandItem>
                ))}
              </CommandGroup>
            ) : null}
          </CommandList>
        </Command>
      </DialogContent>
    </Dialog>
  );
}
