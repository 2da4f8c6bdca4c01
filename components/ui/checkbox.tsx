import type { ComponentProps } from "react";
import { cn } from "./cn";

/** A native checkbox (works in plain forms) in the system's colours, with a visible focus ring. */
export function Checkbox({ className, ...props }: Omit<ComponentProps<"input">, "type">) {
  return (
    <input
      type="checkbox"
      className={cn("size-4 rounded border-slate-300 accent-brand-600 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2", className)}
      {...props}
    />
  );
}
