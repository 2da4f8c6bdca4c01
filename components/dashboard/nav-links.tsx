"use client";

import { Bell, Boxes, CircleDollarSign, CircleUser, CreditCard, KeyRound, LayoutDashboard, LockKeyhole, ScrollText, Server, Settings, ShieldCheck, Users, Zap } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

const SECTIONS = [
  { items: [
    { href: "/dashboard", label: "Overview", icon: LayoutDashboard },
    { href: "/dashboard/fleets", label: "Fleets", icon: Boxes },
    { href: "/dashboard/agents", label: "Agents", icon: Server },
    { href: "/dashboard/policies", label: "Policies", icon: ShieldCheck },
    { href: "/dashboard/secrets", label: "Secrets", icon: LockKeyhole },
    { href: "/dashboard/rotations", label: "Model rotations", icon: Zap },
    { href: "/dashboard/alerts", label: "Alerts", icon: Bell },
    { href: "/dashboard/costs", label: "Costs", icon: CircleDollarSign },
    { href: "/dashboard/audit", label: "Audit log", icon: ScrollText },
  ] },
  { title: "Settings", items: [
    { href: "/dashboard/settings/team", label: "Team", icon: Settings },
    { href: "/dashboard/settings/members", label: "Members", icon: Users },
    { href: "/dashboard/settings/tokens", label: "API tokens", icon: KeyRound },
    { href: "/dashboard/settings/account", label: "Account", icon: CircleUser },
    { href: "/dashboard/billing", label: "Billing", icon: CreditCard },
  ] },
];

export function NavLinks({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname();
  const active = (href: string) => (href === "/dashboard" ? pathname === href : pathname.startsWith(href));
  return (
    <nav aria-label="Main" className="grid gap-5">
      {SECTIONS.map((section, i) => (
        <div key={i} className="grid gap-1">
          {section.title ? <p className="px-2.5 text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">{section.title}</p> : null}
          {section.items.map(({ href, label, icon: Icon }) => (
            <Link
              key={href}
              href={href}
              onClick={onNavigate}
              aria-current={active(href) ? "page" : undefined}
              className={cn(
                "flex items-center gap-2.5 rounded-lg px-2.5 py-2 text-sm text-slate-700 hover:bg-slate-900/5 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 dark:text-slate-300 dark:hover:bg-white/10",
                active(href) && "bg-brand-500/10 font-medium text-brand-700 dark:text-brand-400",
              )}
            >
              <Icon className="size-4" aria-hidden />
              {label}
            </Link>
          ))}
        </div>
      ))}
    </nav>
  );
}
