import { SectionNav } from "@/components/dashboard/section-nav";

const LINKS = [
  { href: "/dashboard/alerts", label: "Alerts" },
  { href: "/dashboard/alerts/rules", label: "Rules" },
  { href: "/dashboard/alerts/channels", label: "Channels" },
];

/** The alerting section's pages. */
export function AlertsNav() {
  return <SectionNav label="Alerting" links={LINKS} />;
}
