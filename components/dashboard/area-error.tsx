"use client";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** A dashboard area's error state (its `error.tsx`): the rest of the dashboard still works. */
export function AreaError({ title, reset }: { title: string; reset: () => void }) {
  return (
    <Card role="alert" className="grid justify-items-start gap-3">
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">The error has been logged. Try again in a moment.</p>
      <Button onClick={reset}>Try again</Button>
    </Card>
  );
}
