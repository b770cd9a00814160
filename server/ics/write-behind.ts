// Work the feed path leaves for after its response has gone (rendered VEVENT text and whole
// bodies stored, memory filled with text read from them): the request never waits for it, a
// failure is only logged (it costs a render later, and no stored row is trusted without its key
// or tag), and shutdown, tests and benchmarks can wait for all of it at once.
const pending = new Set<Promise<void>>();

export function writeBehind(write: Promise<unknown>, onError: (error: unknown) => void): void {
  const settled: Promise<void> = write
    .then(() => undefined, onError)
    .finally(() => pending.delete(settled));
  pending.add(settled);
}

/** Resolves once every write started so far has finished, including those started meanwhile. */
export async function flushFeedWrites(): Promise<void> {
  while (pending.size) await Promise.all([...pending]);
}
