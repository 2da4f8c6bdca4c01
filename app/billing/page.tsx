import { redirect } from "next/navigation";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// /billing, as the billing design names it, is the dashboard's billing page (inside its shell).
export default async function BillingRedirect({ searchParams }: Props) {
  const checkout = (await searchParams).checkout;
  redirect(typeof checkout === "string" ? `/dashboard/billing?checkout=${encodeURIComponent(checkout)}` : "/dashboard/billing");
}
