"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

/** A section's pages (alerting, costs…) as a tab strip of links, each a real URL. */
export function SectionNav({ label, links, prefetch }: { label: string; links: { href: string; label: string }[]; prefetch?: false }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="mb-6 inline-flex flex-wrap gap-1 rounded-xl bg-slate-900/5 p-1 dark:bg-white/10">
      {links.map((l) => (
        <Link
          key={l.href}
          href={l.href}
          prefetch={prefetch}
          aria-current={pathname === l.href ? "page" : undefined}
          className={cn(
            "rounded-lg px-3 py-1.5 text-sm font-medium text-slate-600 hover:text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 dark:text-slate-300 dark:hover:text-white",
            pathname === l.href && "bg-white text-slate-900 shadow-sm dark:bg-slate-800 dark:text-white",
          )}
        >
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
