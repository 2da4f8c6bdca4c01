import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { mailConfigured } from "@/lib/mail/transport";

export const metadata: Metadata = { title: "Forgot password" };
export const dynamic = "force-dynamic";

export default function ForgotPasswordPage() {
  const mail = mailConfigured();
  return (
    <>
      <h1 className="text-xl font-semibold">Forgot your password?</h1>
      {mail ? (
        <>
          <p className="mb-6 mt-1 text-sm text-slate-600 dark:text-slate-400">Type the address you sign in with; we mail you a link to set a new password.</p>
          <ForgotPasswordForm />
        </>
      ) : (
        <div className="mt-3 grid gap-3 text-sm text-slate-600 dark:text-slate-400">
          <p role="status">E-mail is not configured on this server, so no reset link can be mailed.</p>
          <p>Ask an owner of your team for a reset link (Settings → Members), or ask the server&apos;s operator to run <code className="rounded bg-slate-500/10 px-1">npm run user:reset-password -- you@example.com</code>.</p>
        </div>
      )}
      <p className="mt-6 text-center text-sm text-slate-600 dark:text-slate-400">
        <Link className="font-medium text-brand-600 hover:underline dark:text-brand-500" href="/login">Back to log in</Link>
      </p>
    </>
  );
}
