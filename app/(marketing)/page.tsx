import { Activity, BellRing, ChartLine, ShieldCheck, TerminalSquare, Users } from "lucide-react";
import Link from "next/link";
import { Logo } from "@/components/logo";
import { Button } from "@/components/ui/button";
import { getPageSession } from "@/lib/auth/page-session";

export const dynamic = "force-dynamic";

// Each line says what this build does; later features add their lines when they land.
const FEATURES = [
  { icon: Activity, title: "Live status", text: "Every OpenClaw gateway's health, round-trip time and host load, updated as heartbeats arrive. No refresh button." },
  { icon: ChartLine, title: "History", text: "CPU, memory, disk I/O and gateway round-trip charts over an hour, a day or a week, with a brush to zoom in." },
  { icon: BellRing, title: "Alerts in seconds", text: "Stale, offline, unhealthy gateway and threshold rules, sent to Slack, Discord, PagerDuty or a signed webhook." },
  { icon: TerminalSquare, title: "Commands", text: "Restart a gateway from its page; switch its model or patch its config through the API. Each agent acknowledges." },
  { icon: ShieldCheck, title: "Signed by design", text: "Agents hold Ed25519 keys; every heartbeat is a signed JWT bound to its body." },
  { icon: Users, title: "Teams and audit", text: "Owners, maintainers and viewers, personal API tokens, and every change in a searchable audit log." },
];

export default async function LandingPage() {
  const session = await getPageSession();
  return (
    <div className="mx-auto flex min-h-dvh max-w-6xl flex-col px-4 sm:px-6">
      <header className="flex items-center justify-between py-6">
        <Logo />
        <nav aria-label="Account" className="flex gap-2">
          {session ? (
            <Button asChild><Link href="/dashboard">Open dashboard</Link></Button>
          ) : (
            <>
              <Button asChild variant="ghost"><Link href="/login">Log in</Link></Button>
              <Button asChild><Link href="/signup">Get started</Link></Button>
            </>
          )}
        </nav>
      </header>
      <main className="flex-1">
        <section className="py-16 text-center sm:py-24">
          <h1 className="mx-auto max-w-3xl text-4xl font-semibold tracking-tight sm:text-6xl">Every OpenClaw agent you run, in one calm place.</h1>
          <p className="mx-auto mt-6 max-w-2xl text-lg text-slate-600 dark:text-slate-400">
            See which gateways are alive and how they have been doing, and hear within seconds when one goes quiet. Self-hosted: one Node.js process, with PostgreSQL embedded or your own.
          </p>
          <div className="mt-8 flex justify-center gap-3">
            <Button asChild size="lg"><Link href={session ? "/dashboard" : "/signup"}>{session ? "Open dashboard" : "Get started"}</Link></Button>
            <Button asChild size="lg" variant="secondary"><a href="/api/openapi.json">API reference</a></Button>
          </div>
        </section>
        <section aria-labelledby="features" className="pb-20">
          <h2 id="features" className="sr-only">Features</h2>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {FEATURES.map(({ icon: Icon, title, text }) => (
              <li key={title} className="glass rounded-2xl p-5">
                <Icon className="size-5 text-brand-600 dark:text-brand-500" aria-hidden />
                <h3 className="mt-3 font-semibold">{title}</h3>
                <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{text}</p>
              </li>
            ))}
          </ul>
        </section>
      </main>
      <footer className="py-8 text-center text-xs text-slate-500">OpenClaw Fleet · self-hostable · <Link className="underline" href="/api/health" prefetch={false}>status</Link></footer>
    </div>
  );
}
