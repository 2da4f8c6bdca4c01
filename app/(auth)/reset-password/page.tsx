import type { Metadata } from "next";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";

// The link's secret is in the fragment (#token=…), which browsers never send to a server nor in a Referer.
export const metadata: Metadata = { title: "Set a new password", referrer: "no-referrer" };

export default function ResetPasswordPage() {
  return (
    <>
      <h1 className="text-xl font-semibold">Set a new password</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600 dark:text-slate-400">The link works once, for 30 minutes. Every session of the account ends.</p>
      <ResetPasswordForm />
    </>
  );
}
