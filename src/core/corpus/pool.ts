// At most `limit` reads in flight: thousands of files opened at once exhaust file handles (EMFILE)
// and, on workspace.fs, the extension host's message queue.

/** `fn` over `items`, `limit` at a time; results in the items' order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>, cancelled: () => boolean = () => false): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length && !cancelled()) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
