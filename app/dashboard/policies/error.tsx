"use client";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** The policies area's error state: the rest of the dashboard still works. */
export default function PoliciesError({ reset }: { error: Error; reset: () => void }) {
  return (
    <Card role="alert" className="grid justify-items-start gap-3">
      <h1 className="text-xl font-semibold">Policies could not be loaded</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">The error has been logged. Try again in a moment.</p>
      <Button onClick={reset}>Try again</Button>
    </Card>
  );
}
