import { PanelSkeleton } from "@/components/dashboard/panel-skeleton";

export default function Loading() {
  return <PanelSkeleton />;
}
