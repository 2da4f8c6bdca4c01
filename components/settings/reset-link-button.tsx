"use client";

import { useState } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ResetLink } from "@/lib/schemas/account";

/** An owner makes a one-time password reset link for a member; the link is shown once, to copy. */
export function ResetLinkButton({ teamId, userId, email }: { teamId: string; userId: string; email: string }) {
  const [link, setLink] = useState<ResetLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function create() {
    setPending(true);
    setError(null);
    try {
      const res = await apiFetch<{ resetLink: ResetLink }>(`/api/teams/${teamId}/members/${userId}/reset-link`, { method: "POST" });
      setLink(res.resetLink);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not make a reset link");
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog onOpenChange={(open) => (open ? void create() : (setLink(null), setError(null)))}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Reset link for ${email}`}>Reset link</Button>
      </DialogTrigger>
      <DialogContent title={`Password reset link for ${email}`} description="Single use, valid 30 minutes; every session of theirs ends when it is used. It is shown only now.">
        {pending ? <p aria-busy="true" className="text-sm">Making the link…</p> : null}
        {error ? <p role="alert" className="rounded-lg bg-red-500/10 px-3 py-2 text-sm text-red-700 dark:text-red-300">{error}</p> : null}
        {link ? (
          <div className="flex gap-2">
            <Field id={`reset-link-${userId}`} label="Reset link">{(a) => <Input {...a} readOnly value={link.url} onFocus={(e) => e.currentTarget.select()} />}</Field>
            <div className="self-end"><CopyButton value={link.url} /></div>
          </div>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
