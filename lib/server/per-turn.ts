/**
 * Collects what is pushed during one turn of the event loop and hands it to `flush` as one array,
 * from setImmediate (after that turn's I/O callbacks), so work that arrives together goes together.
 */
export function perTurn<T>(flush: (items: T[]) => void): (item: T) => void {
  let pending: T[] = [];
  return (item) => {
    if (pending.length === 0) {
      setImmediate(() => {
        const items = pending;
        pending = [];
        flush(items);
      });
    }
    pending.push(item);
  };
}
