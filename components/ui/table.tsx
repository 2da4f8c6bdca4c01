import type { ComponentProps } from "react";
import { cn } from "./cn";

/** Scrolls sideways on narrow screens; the scroller takes keyboard focus so it can be scrolled without a mouse. */
export function Table({ className, ...props }: ComponentProps<"table">) {
  return (
    <div className="overflow-x-auto rounded-lg focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500" tabIndex={0} role="region" aria-label={props["aria-label"] ?? "Table"}>
      <table className={cn("w-full border-collapse text-left text-sm", className)} {...props} />
    </div>
  );
}
export const THead = (props: ComponentProps<"thead">) => <thead className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400" {...props} />;
export const TBody = (props: ComponentProps<"tbody">) => <tbody className="divide-y divide-slate-900/5 dark:divide-white/5" {...props} />;
export const TR = ({ className, ...props }: ComponentProps<"tr">) => <tr className={cn("hover:bg-slate-900/[0.02] dark:hover:bg-white/[0.03]", className)} {...props} />;
export const TH = ({ className, ...props }: ComponentProps<"th">) => <th scope="col" className={cn("px-3 py-2 font-medium", className)} {...props} />;
export const TD = ({ className, ...props }: ComponentProps<"td">) => <td className={cn("px-3 py-2.5 align-middle", className)} {...props} />;
