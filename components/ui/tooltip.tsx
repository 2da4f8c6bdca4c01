"use client";

import { Tooltip as T } from "radix-ui";
import type { ReactNode } from "react";

/** A short hint on hover and keyboard focus; the trigger keeps its own accessible name. */
export function Tooltip({ content, children, side = "top" }: { content: ReactNode; children: ReactNode; side?: "top" | "bottom" | "left" | "right" }) {
  return (
    <T.Provider delayDuration={300}>
      <T.Root>
        <T.Trigger asChild>{children}</T.Trigger>
        <T.Portal>
          <T.Content side={side} sideOffset={6} className="glass z-50 max-w-xs rounded-lg bg-white/90 px-2.5 py-1.5 text-xs text-slate-800 shadow-lg dark:bg-slate-900/90 dark:text-slate-100">
            {content}
            <T.Arrow className="fill-white/90 dark:fill-slate-900/90" />
          </T.Content>
        </T.Portal>
      </T.Root>
    </T.Provider>
  );
}
