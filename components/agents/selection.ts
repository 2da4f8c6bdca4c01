/**
 * A tick on row `index`: it flips that row; with Shift, every row from the last one clicked
 * (`anchor`) to it takes the clicked row's new state, as in mail clients.
 */
export function tickRows(ids: readonly string[], selected: ReadonlySet<string>, anchor: number | null, index: number, shift: boolean): Set<string> {
  const id = ids[index];
  const next = new Set(selected);
  if (id === undefined) return next;
  const tick = !selected.has(id);
  const [from, to] = shift && anchor !== null && anchor < ids.length ? [Math.min(anchor, index), Math.max(anchor, index)] : [index, index];
  for (const row of ids.slice(from, to + 1)) {
    if (tick) next.add(row);
    else next.delete(row);
  }
  return next;
}
