// Writes the feed path starts after its response has gone (rendered VEVENT text, whole bodies):
// the request never waits for them, a failure is only logged (it costs a render later, and no
// stored row is trusted without its key or tag), and shutdown, tests and benchmarks can wait
// for all of them at once.
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
