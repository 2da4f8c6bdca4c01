"use client";

import { Dialog as D } from "radix-ui";
import { X } from "lucide-react";
import type { ComponentProps, ReactNode } from "react";
import { Button } from "./button";
import { cn } from "./cn";

export const Sheet = D.Root;
export const SheetTrigger = D.Trigger;
export const SheetClose = D.Close;

const SIDES = { left: "inset-y-0 left-0 w-72", right: "inset-y-0 right-0 w-80", bottom: "inset-x-0 bottom-0 max-h-[85dvh] rounded-t-2xl" } as const;

/** A panel sliding in from an edge (navigation on phones, details), modal, closed with Escape. */
export function SheetContent({ side = "left", title, description, header, className, children, ...props }: ComponentProps<typeof D.Content> & {
  side?: keyof typeof SIDES;
  title: string;
  description?: string;
  header?: ReactNode;
}) {
  return (
    <D.Portal>
      <D.Overlay className="fixed inset-0 z-40 bg-slate-950/30 backdrop-blur-sm" />
      <D.Content className={cn("glass fixed z-50 flex flex-col gap-6 bg-white/90 p-4 dark:bg-slate-900/90", SIDES[side], className)} {...props}>
        <D.Title className="sr-only">{title}</D.Title>
        <D.Description className="sr-only">{description ?? title}</D.Description>
        <div className="flex items-center justify-between">
          {header}
          <D.Close asChild>
            <Button variant="ghost" size="icon" aria-label={`Close ${title.toLowerCase()}`}><X aria-hidden /></Button>
          </D.Close>
        </div>
        {children}
      </D.Content>
    </D.Portal>
  );
}
