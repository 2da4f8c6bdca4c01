export function Logo() {
  return (
    <span className="flex items-center gap-2 text-lg font-semibold tracking-tight">
      <span aria-hidden className="grid size-8 place-items-center rounded-xl bg-gradient-to-br from-brand-500 to-cyan-500 text-white shadow-sm">
        ◆
      </span>
      OpenClaw Fleet
    </span>
  );
}
