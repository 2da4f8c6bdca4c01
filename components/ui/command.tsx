"use client";

import { Command as C } from "cmdk";
import { Search } from "lucide-react";
import type { ComponentProps } from "react";
import { cn } from "./cn";

/** Command menu parts (cmdk): filtering, keyboard navigation and ARIA listbox semantics built in. */
export function Command({ className, ...props }: ComponentProps<typeof C>) {
  return <C className={cn("flex flex-col overflow-hidden", className)} {...props} />;
}

export function CommandInput({ className, ...props }: ComponentProps<typeof C.Input>) {
  return (
    <div className="flex items-center gap-2 border-b border-slate-900/10 px-3 dark:border-white/10">
      <Search className="size-4 shrink-0 text-slate-500" aria-hidden />
      <C.Input className={cn("h-11 w-full bg-transparent text-sm outline-none placeholder:text-slate-500", className)} {...props} />
    </div>
  );
}

export function CommandList({ className, ...props }: ComponentProps<typeof C.List>) {
  return <C.List className={cn("max-h-[min(60vh,24rem)] overflow-y-auto p-2", className)} {...props} />;
}

export function CommandEmpty(props: ComponentProps<typeof C.Empty>) {
  return <C.Empty className="px-3 py-6 text-center text-sm text-slate-500" {...props} />;
}

export function CommandGroup({ className, ...props }: ComponentProps<typeof C.Group>) {
  return (
    <C.Group
      className={cn("[&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:py-1.5 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-medium [&_[cmdk-group-heading]]:text-slate-500", className)}
      {...props}
    />
  );
}

export function CommandItem({ className, ...props }: ComponentProps<typeof C.Item>) {
  return (
    <C.Item
      className={cn(
        "flex cursor-pointer select-none items-center gap-2 rounded-lg px-2 py-2 text-sm outline-none data-[selected=true]:bg-brand-500/15 data-[selected=true]:text-slate-900 dark:data-[selected=true]:text-white [&_svg]:size-4 [&_svg]:shrink-0 [&_svg]:text-slate-500",
        className,
      )}
      {...props}
    />
  );
}

export const CommandLoading = C.Loading;
