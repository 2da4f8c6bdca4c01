import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading agents" className="grid gap-4">
      <Skeleton className="h-8 w-40" />
      <Skeleton className="h-20" />
      <div className="glass grid gap-3 rounded-2xl p-5">
        {Array.from({ length: 8 }, (_, i) => <Skeleton key={i} className="h-8" />)}
      </div>
    </div>
  );
}
