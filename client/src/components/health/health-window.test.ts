import { describe, expect, it } from 'vitest';
import { healthWindowInput, readHealthView, refreshesItself, viewSearch, windowSpanMs, writeHealthView } from './health-window.ts';

const read = (q: string) => readHealthView(new URLSearchParams(q));

describe('health window in the URL', () => {
  it('reads every preset and falls back to the hour for anything else', () => {
    for (const w of ['15m', '1h', '6h', '24h', '7d'] as const) expect(read(`window=${w}`)).toEqual({ window: w });
    expect(read('')).toEqual({ window: '1h' });
    expect(read('window=3d')).toEqual({ window: '1h' });
  });

  it('reads a custom range only when it is whole, in order and within 400 days', () => {
    const from = '2026-11-20T10:00:00.000Z';
    const to = '2026-11-20T14:00:00.000Z';
    expect(read(`window=custom&from=${from}&to=${to}`)).toEqual({ window: 'custom', from: new Date(from), to: new Date(to) });
    expect(read(`window=custom&from=${to}&to=${from}`)).toEqual({ window: '1h' });
    expect(read(`window=custom&from=${from}`)).toEqual({ window: '1h' });
    expect(read(`window=custom&from=nonsense&to=${to}`)).toEqual({ window: '1h' });
    expect(read(`window=custom&from=2025-01-01T00:00:00Z&to=2026-11-01T00:00:00Z`)).toEqual({ window: '1h' });
  });

  it('writes the window round trip and keeps other parameters', () => {
    const custom = { window: 'custom' as const, from: new Date('2026-11-20T10:00:00Z'), to: new Date('2026-11-21T10:00:00Z') };
    const written = writeHealthView(new URLSearchParams('outcome=error&window=6h'), custom);
    expect(written.get('outcome')).toBe('error');
    expect(readHealthView(written)).toEqual(custom);
    const back = writeHealthView(written, { window: '24h' });
    expect([...back.keys()].sort()).toEqual(['outcome', 'window']);
    expect(viewSearch({ window: '7d' })).toBe('?window=7d');
  });

  it('turns a view into the procedure input and knows which views move', () => {
    const custom = { window: 'custom' as const, from: new Date('2026-11-20T10:00:00Z'), to: new Date('2026-11-20T10:30:00Z') };
    expect(healthWindowInput({ window: '15m' })).toEqual({ window: '15m' });
    expect(healthWindowInput(custom)).toEqual(custom);
    expect(windowSpanMs(custom)).toBe(30 * 60_000);
    expect(windowSpanMs({ window: '6h' })).toBe(6 * 3_600_000);
    expect(refreshesItself({ window: '1h' })).toBe(true);
    expect(refreshesItself(custom)).toBe(false);
  });
});
