import { Skeleton } from "@/components/ui/skeleton";

/** A heading, a toolbar and one panel: the loading state of a page of that shape. */
export function PanelSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading" className="grid gap-4">
      <Skeleton className="h-8 w-48" />
      <Skeleton className="h-9 w-96" />
      <Skeleton className="h-64" />
    </div>
  );
}
