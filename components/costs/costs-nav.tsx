import { SectionNav } from "@/components/dashboard/section-nav";

const LINKS = [
  { href: "/dashboard/costs", label: "Costs" },
  { href: "/dashboard/costs/budgets", label: "Budgets" },
  { href: "/dashboard/costs/advice", label: "Savings" },
  { href: "/dashboard/costs/prices", label: "Prices" },
];

/** The costs section's pages: spend, budgets, savings advice and the price catalogue. */
export function CostsNav() {
  // Not prefetched: each page is dynamic, and a prefetch would load its figures on every visit to another.
  return <SectionNav label="Costs" links={LINKS} prefetch={false} />;
}
