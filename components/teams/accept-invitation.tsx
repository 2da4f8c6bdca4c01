"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";

export function AcceptInvitation({ token }: { token: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="mt-6 grid gap-3">
      <Button
        disabled={pending}
        onClick={async () => {
          setPending(true);
          setError(null);
          try {
            await apiFetch("/api/invitations/accept", { body: { token } });
            router.push("/dashboard");
            router.refresh();
          } catch (e) {
            setPending(false);
            setError(e instanceof ApiError ? e.message : "Something went wrong; try again.");
          }
        }}
      >
        {pending ? "Joining…" : "Accept invitation"}
      </Button>
      {error ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">{error}</p> : null}
    </div>
  );
}
