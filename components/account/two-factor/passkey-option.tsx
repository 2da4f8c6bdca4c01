import { PasskeySignIn } from "./passkey-sign-in";

/** Below the log-in form: the password-less way in. */
export function PasskeyOption({ next }: { next?: string }) {
  return (
    <div className="mt-6 grid gap-3">
      <p className="flex items-center gap-3 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400" aria-hidden>
        <span className="h-px flex-1 bg-slate-900/10 dark:bg-white/10" />or<span className="h-px flex-1 bg-slate-900/10 dark:bg-white/10" />
      </p>
      <PasskeySignIn next={next} />
    </div>
  );
}
