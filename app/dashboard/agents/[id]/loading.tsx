import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading the agent" className="grid gap-6">
      <Skeleton className="h-4 w-20" />
      <div className="flex items-end justify-between gap-4">
        <div className="grid gap-2"><Skeleton className="h-8 w-56" /><Skeleton className="h-5 w-40" /></div>
        <div className="flex gap-2"><Skeleton className="h-9 w-36" /><Skeleton className="h-9 w-24" /></div>
      </div>
      <Skeleton className="h-44" />
      <div className="glass grid gap-4 rounded-2xl p-5 lg:grid-cols-2">
        {[0, 1, 2, 3].map((i) => <Skeleton key={i} className="h-40" />)}
        <Skeleton className="h-16 lg:col-span-2" />
      </div>
      <Skeleton className="h-48" />
    </div>
  );
}
