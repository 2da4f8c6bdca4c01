import { Skeleton } from "@/components/ui/skeleton";

// The costs page's shape while its figures load: header, tabs, filters, three figures, the chart and a table.
const BLOCKS = ["h-8 w-40", "h-10 w-80", "h-20", "h-96", "h-48"];

export default function Loading() {
  const [title, tabs, filters, ...rest] = BLOCKS;
  return (
    <div aria-busy="true" aria-label="Loading costs" className="grid gap-4">
      {[title, tabs, filters].map((c) => <Skeleton key={c} className={c} />)}
      <div className="grid gap-4 md:grid-cols-3">{[1, 2, 3].map((i) => <Skeleton key={i} className="h-32" />)}</div>
      {rest.map((c) => <Skeleton key={c} className={c} />)}
    </div>
  );
}
