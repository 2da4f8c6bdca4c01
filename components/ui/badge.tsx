import { cva, type VariantProps } from "class-variance-authority";
import type { ComponentProps } from "react";
import { cn } from "./cn";

const badgeVariants = cva("inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", {
  variants: {
    tone: {
      neutral: "bg-slate-500/10 text-slate-700 ring-slate-500/20 dark:text-slate-300",
      brand: "bg-brand-500/10 text-brand-700 ring-brand-500/30 dark:text-brand-500",
      success: "bg-emerald-500/10 text-emerald-800 ring-emerald-500/30 dark:text-emerald-400",
      warning: "bg-amber-500/10 text-amber-800 ring-amber-500/30 dark:text-amber-400",
      danger: "bg-red-500/10 text-red-800 ring-red-500/30 dark:text-red-400",
    },
  },
  defaultVariants: { tone: "neutral" },
});

export function Badge({ className, tone, ...props }: ComponentProps<"span"> & VariantProps<typeof badgeVariants>) {
  return <span className={cn(badgeVariants({ tone }), className)} {...props} />;
}
