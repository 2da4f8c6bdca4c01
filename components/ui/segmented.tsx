"use client";

import { ToggleGroup as T } from "radix-ui";
import { cn } from "./cn";

/** A single choice among a few (ranges, views): arrow keys move between options, one is always chosen. */
export function Segmented<V extends string>({ value, onChange, options, label, className }: {
  value: V;
  onChange: (value: V) => void;
  options: { value: V; label: string }[];
  label: string;
  className?: string;
}) {
  return (
    <T.Root
      type="single"
      value={value}
      onValueChange={(v) => v && onChange(v as V)}
      aria-label={label}
      className={cn("inline-flex rounded-lg bg-slate-900/5 p-0.5 dark:bg-white/10", className)}
    >
      {options.map((o) => (
        <T.Item
          key={o.value}
          value={o.value}
          className="rounded-md px-2.5 py-1 text-xs font-medium text-slate-600 transition-colors hover:text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 data-[state=on]:bg-white data-[state=on]:text-slate-900 data-[state=on]:shadow-sm dark:text-slate-300 dark:hover:text-white dark:data-[state=on]:bg-slate-800 dark:data-[state=on]:text-white"
        >
          {o.label}
        </T.Item>
      ))}
    </T.Root>
  );
}
