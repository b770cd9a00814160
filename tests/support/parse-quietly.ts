// The ICS parsers (node-ical, ical.js) report problems on the console rather than by throwing:
// run a parse with the console captured, and hand back what it said, so a test can demand silence.
import { vi } from 'vitest';

export function parseQuietly<T>(parse: () => T): { result: T; warnings: unknown[] } {
  const spies = (['warn', 'error', 'log'] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => {}));
  try {
    const result = parse();
    return { result, warnings: spies.flatMap((s) => s.mock.calls) };
  } finally {
    spies.forEach((s) => s.mockRestore());
  }
}
