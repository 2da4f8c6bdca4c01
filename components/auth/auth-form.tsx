"use client";

import { Eye, EyeOff } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { safeNext } from "@/lib/safe-next";
import { twoFactorStep } from "@/components/account/two-factor/step-url";

export function AuthForm({ mode, next }: { mode: "signup" | "login"; next?: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [showPassword, setShowPassword] = useState(false);
  const signup = mode === "signup";

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body: Record<string, string> = { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
    if (signup && form.get("name")) body.name = String(form.get("name"));
    setPending(true);
    setError(null);
    setFields({});
    try {
      const answer = await apiFetch<{ twoFactorRequired?: boolean }>(signup ? "/api/auth/signup" : "/api/auth/login", { body });
      if (answer.twoFactorRequired) return router.push(twoFactorStep(next));
      router.push(safeNext(next));
      router.refresh();
    } catch (e) {
      setPending(false);
      if (e instanceof ApiError) {
        setFields(e.fieldErrors());
        setError(e.message);
      } else setError("The server could not be reached; try again.");
    }
  }

  const otherHref = `${signup ? "/login" : "/signup"}${next ? `?next=${encodeURIComponent(next)}` : ""}`;
  return (
    <form onSubmit={submit} className="grid gap-4" noValidate>
      {signup ? <Field id="name" label="Name" error={fields.name}>{(a) => <Input {...a} name="name" autoComplete="name" maxLength={100} />}</Field> : null}
      <Field id="email" label="Email" error={fields.email}>
        {(a) => <Input {...a} name="email" type="email" autoComplete="email" required />}
      </Field>
      <Field id="password" label="Password" error={fields.password} hint={signup ? "At least 10 characters." : undefined}>
        {(a) => (
          <div className="relative">
            <Input {...a} name="password" type={showPassword ? "text" : "password"} autoComplete={signup ? "new-password" : "current-password"} required className="pr-10" />
            <Button
              type="button"
              variant="ghost"
              size="icon"
              onClick={() => setShowPassword((v) => !v)}
              aria-label={showPassword ? "Hide password" : "Show password"}
              className="absolute inset-y-0 right-0 h-full w-9 rounded-l-none text-slate-500"
            >
              {showPassword ? <EyeOff aria-hidden /> : <Eye aria-hidden />}
            </Button>
          </div>
        )}
      </Field>
      {error ? (
        <p role="alert" className="rounded-lg bg-red-500/10 px-3 py-2 text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
      <Button type="submit" disabled={pending} size="lg">
        {pending ? (signup ? "Creating account…" : "Logging in…") : signup ? "Create account" : "Log in"}
      </Button>
      <p className="text-center text-sm text-slate-600 dark:text-slate-400">
        {signup ? "Already have an account? " : "New here? "}
        <Link className="font-medium text-brand-600 hover:underline dark:text-brand-500" href={otherHref}>
          {signup ? "Log in" : "Create an account"}
        </Link>
      </p>
    </form>
  );
}
