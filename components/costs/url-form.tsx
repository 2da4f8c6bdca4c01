"use client";

import { useRouter } from "next/navigation";
import type { FormEvent, ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

/** A filter form whose values go in the URL (the set ones only), so a filtered view can be shared. */
export function UrlForm({ path, label, className, children }: { path: string; label: string; className?: string; children: ReactNode }) {
  const router = useRouter();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget).entries()) if (String(value).trim()) params.set(key, String(value).trim());
    const query = params.toString();
    router.push(query ? `${path}?${query}` : path);
  }
  return (
    <form onSubmit={submit} aria-label={label} className={cn("glass mb-4 grid gap-3 rounded-2xl p-4", className)}>
      {children}
      <div className="flex items-end gap-2">
        <Button type="submit">Apply</Button>
        <Button type="button" variant="ghost" onClick={() => router.push(path)}>Clear</Button>
      </div>
    </form>
  );
}
