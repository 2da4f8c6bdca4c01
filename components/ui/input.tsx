import type { ComponentProps } from "react";
import { cn } from "./cn";

export const controlClass =
  "w-full rounded-lg border border-slate-300/80 bg-white/70 px-3 py-2 text-sm text-slate-900 shadow-xs placeholder:text-slate-400 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 disabled:opacity-50 aria-invalid:border-red-500 dark:border-white/15 dark:bg-slate-900/60 dark:text-slate-100";

export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={cn(controlClass, "h-9", className)} {...props} />;
}

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return <textarea className={cn(controlClass, "min-h-20", className)} {...props} />;
}

export function NativeSelect({ className, ...props }: ComponentProps<"select">) {
  return <select className={cn(controlClass, "h-9 pr-8", className)} {...props} />;
}
