"use client";

import type { Provider } from "@supabase/supabase-js";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { safeNext } from "@/lib/safe-next";
import { supabaseBrowser } from "@/lib/supabase/browser";

type AuthProvider = { id: string; label: string };
type Props = { url: string; anonKey: string; providers: AuthProvider[]; next?: string; initialError?: string };

/** Sign-in through Supabase Auth: password, a magic link by e-mail, or an OAuth provider the project enables. */
export function SupabaseSignIn({ url, anonKey, providers, next, initialError }: Props) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(initialError ?? null);
  const [notice, setNotice] = useState<string | null>(null);
  // Made on first use, in the browser only (it keeps its session in document.cookie).
  const supabase = () => supabaseBrowser(url, anonKey);
  const callback = () => `${window.location.origin}/auth/callback?next=${encodeURIComponent(safeNext(next))}`;

  async function run(action: () => Promise<{ error: { message: string } | null }>, done?: string) {
    setPending(true);
    setError(null);
    setNotice(null);
    const { error: failed } = await action().catch(() => ({ error: { message: "Supabase could not be reached; try again." } }));
    setPending(false);
    if (failed) setError(failed.message);
    else if (done) setNotice(done);
    return !failed;
  }

  async function password(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const ok = await run(() => supabase().auth.signInWithPassword({ email, password: String(form.get("password") ?? "") }));
    if (ok) {
      router.push(safeNext(next));
      router.refresh();
    }
  }

  async function magicLink() {
    const email = (document.getElementById("email") as HTMLInputElement | null)?.value.trim() ?? "";
    if (!email) return setError("Enter your e-mail address first.");
    await run(() => supabase().auth.signInWithOtp({ email, options: { emailRedirectTo: callback() } }), `We sent a sign-in link to ${email}.`);
  }

  return (
    <div className="grid gap-4">
      <form onSubmit={password} className="grid gap-4" noValidate>
        <Field id="email" label="Email">{(a) => <Input {...a} name="email" type="email" autoComplete="email" required />}</Field>
        <Field id="password" label="Password">{(a) => <Input {...a} name="password" type="password" autoComplete="current-password" />}</Field>
        {error ? <p role="alert" className="rounded-lg bg-red-500/10 px-3 py-2 text-sm text-red-700 dark:text-red-300">{error}</p> : null}
        {notice ? <p role="status" className="rounded-lg bg-emerald-500/10 px-3 py-2 text-sm text-emerald-800 dark:text-emerald-300">{notice}</p> : null}
        <Button type="submit" disabled={pending} size="lg">{pending ? "Logging in…" : "Log in"}</Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={magicLink}>Email me a sign-in link</Button>
      </form>
      {providers.length ? (
        <div className="grid gap-2 border-t border-slate-200 pt-4 dark:border-slate-800">
          {providers.map((p) => (
            <Button key={p.id} type="button" variant="secondary" disabled={pending}
              onClick={() => run(() => supabase().auth.signInWithOAuth({ provider: p.id as Provider, options: { redirectTo: callback() } }))}>
              Continue with {p.label}
            </Button>
          ))}
        </div>
      ) : null}
      <p className="text-center text-sm text-slate-600 dark:text-slate-400">New here? A sign-in link or a provider creates your account and its team.</p>
    </div>
  );
}
